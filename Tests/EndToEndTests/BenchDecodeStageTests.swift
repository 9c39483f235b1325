import Foundation
import LoopTestSupport
import Testing

/// `loopctl bench-decode --stage` (benchmarks/ingest): each stage does what
/// it says on a real transcript with a bad line in it, so the floors the
/// benchmark prints measure the work they name.
@Suite("loopctl bench-decode stages", .enabled(if: LoopBinaries.available, "build loopd and loopctl first (make test does)"))
struct BenchDecodeStageTests {
    /// `loopctl bench-decode ARGUMENTS`, with the harness's time limit; its one line of JSON.
    func run(_ arguments: [String], logs: URL) async throws -> [String: Any] {
        let result = try await ChildProcess.run(
            LoopBinaries.path("loopctl"), ["bench-decode"] + arguments,
            environment: ProcessInfo.processInfo.environment, logDirectory: logs, timeout: 60)
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test func readParseAndDecodeCountWhatTheyName() async throws {
        let root = try TemporaryDirectory(prefix: "loop-bench-stage")
        defer { root.remove() }
        let fixture = Fixtures.url("transcripts/claude-code/agentcmd__full-session-three.jsonl")
        var text = try String(contentsOf: fixture, encoding: .utf8)
        let fixtureLines = text.split(separator: "\n").count
        text += "{\"type\":\"user\", truncated\n\n"  // one line that is not JSON, one blank line
        let path = root.appending("t.jsonl").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)

        let logs = root.appending("logs")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        let read = try await run(["--stage", "read", path], logs: logs)
        let parse = try await run(["--stage", "parse", path], logs: logs)
        let decode = try await run([path], logs: logs)
        #expect(read["events"] as? Int == fixtureLines + 1, "read counts the non-empty lines")
        #expect(parse["events"] as? Int == fixtureLines, "parse counts the lines that read as objects")
        #expect((decode["events"] as? Int ?? 0) > 0, "decode counts events")
        #expect(decode["issues"] as? Int == 1, "the bad line is the one issue")
        #expect(read["issues"] as? Int == 0 && parse["issues"] as? Int == 0, "the early stages do not decode")
    }
}
