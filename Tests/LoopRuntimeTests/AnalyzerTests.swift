import Foundation
import LoopCore
import LoopTestSupport
import Testing
@testable import LoopRuntime

@Suite("loopctl analyze's engine")
struct AnalyzerTests {
    let analyzer = Analyzer(config: DetectorConfig(), synthesizer: LessonSynthesizer(redactor: Redactor()))

    @Test func everyClaudeFixtureIsReadWithoutIssues() {
        let result = analyzer.run(paths: [Fixtures.claudeCode.path])
        #expect(result.summary.files == 13)
        #expect(result.issues.isEmpty, "\(result.issues.prefix(3))")
        #expect(result.summary.unreadableLines == 0)
    }

    @Test func subagentFilesComeAfterTheirParents() {
        let files = TranscriptDiscovery.transcripts(in: [Fixtures.claudeCode.path]).map(\.path)
        let firstSubagent = files.firstIndex { $0.contains("/subagents/") } ?? files.count
        #expect(files[..<firstSubagent].allSatisfy { !$0.contains("/subagents/") })
        #expect(files[firstSubagent...].allSatisfy { $0.contains("/subagents/") })
    }

    /// agentcmd two: an Edit is rejected, the user types "Completely outside the
    /// search bar entirely". No skill or command was running, so the gates drop it
    /// at attribution, and the record points at the user's line (25).
    @Test func rejectionWithoutAnArtifactIsExplainedAtItsLine() throws {
        let file = Fixtures.claudeCode.appendingPathComponent("agentcmd__full-session-two.jsonl").path
        let result = analyzer.run(paths: [file])
        let rejection = try #require(result.records.first { $0.signal == "rejection" })
        #expect(rejection.verdict == "dropped")
        #expect(rejection.gate == "attribution")
        #expect(rejection.line == 25)
        #expect(rejection.recordID != nil)
        #expect(result.summary.lessons == 0)
    }
}
