import Foundation
import LoopCore
import LoopHarness
import LoopTestSupport
import Testing

/// Inputs the fuzzers (Fuzz/run.sh) once crashed on, replayed on every test run.
@Suite("fuzz regressions")
struct FuzzRegressionTests {
    static func inputs(_ target: String) -> [URL] {
        let folder = Fixtures.repositoryRoot.appendingPathComponent("Fuzz/regressions/\(target)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.map { folder.appendingPathComponent($0) }
    }

    @Test func decodersSurviveEveryRecordedInput() throws {
        for file in Self.inputs("FuzzClaudeDecoder") + Self.inputs("FuzzCodexDecoder") {
            let data = try Data(contentsOf: file)
            var claude = ClaudeCodeDecoder(path: "/fuzz/s.jsonl")
            var codex = CodexDecoder(path: "/fuzz/rollout-x.jsonl")
            for (index, line) in [UInt8](data).split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
                _ = claude.decode(line: line, lineNumber: index + 1, byteOffset: 0)
                _ = codex.decode(line: line, lineNumber: index + 1, byteOffset: 0)
            }
        }
        for file in Self.inputs("FuzzOpenCodeExport") {
            _ = OpenCodeExport.decode(data: try Data(contentsOf: file), path: file.path)
        }
        for file in Self.inputs("FuzzRedactor") {
            let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
            let once = Redactor().redact(text)
            #expect(Redactor().redact(once) == once)
        }
    }

    /// A crash the Claude decoder's fuzzing could hit: deeply nested JSON.
    @Test func deeplyNestedLineIsReportedNotFatal() {
        var decoder = ClaudeCodeDecoder(path: "/fuzz/s.jsonl")
        let nested = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        _ = decoder.decode(line: Array(nested.utf8), lineNumber: 1, byteOffset: 0)
        #expect(decoder.issues.count == 1)
    }
}
