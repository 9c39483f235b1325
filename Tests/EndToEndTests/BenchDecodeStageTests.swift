import Foundation
import LoopTestSupport
import Testing

/// `loopctl bench-decode --stage` (benchmarks/ingest): each stage does what
/// it says on a real transcript with a bad line in it, so the floors the
/// benchmark prints measure the work they name.
@Suite("loopctl bench-decode stages", .enabled(if: LoopBinaries.available, "build loopd and loopctl first (make test does)"))
struct BenchDecodeStageTests {
    func run(_ arguments: [String]) throws -> [String: Any] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: LoopBinaries.path("loopctl"))
        process.arguments = ["bench-decode"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func readParseAndDecodeCountWhatTheyName() throws {
        let root = try TemporaryDirectory(prefix: "loop-bench-stage")
        defer { root.remove() }
        let fixture = Fixtures.url("transcripts/claude-code/agentcmd__full-session-three.jsonl")
        var text = try String(contentsOf: fixture, encoding: .utf8)
        let fixtureLines = text.split(separator: "\n").count
        text += "{\"type\":\"user\", truncated\n\n"  // one line that is not JSON, one blank line
        let path = root.appending("t.jsonl").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)

        let read = try run(["--stage", "read", path])
        let parse = try run(["--stage", "parse", path])
        let decode = try run([path])
        #expect(read["events"] as? Int == fixtureLines + 1, "read counts the non-empty lines")
        #expect(parse["events"] as? Int == fixtureLines, "parse counts the lines that read as objects")
        #expect((decode["events"] as? Int ?? 0) > 0, "decode counts events")
        #expect(decode["issues"] as? Int == 1, "the bad line is the one issue")
        #expect(read["issues"] as? Int == 0 && parse["issues"] as? Int == 0, "the early stages do not decode")
    }
}
