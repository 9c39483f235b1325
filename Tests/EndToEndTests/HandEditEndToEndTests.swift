import Foundation
import LoopTestSupport
import Testing

/// The walking skeleton end to end: a real Claude Code transcript is appended
/// line by line while the real loopd watches; the agent's file is written as
/// its Write describes; the user then edits the agent's lines by hand.
@Suite("loopd end to end: hand edit", .serialized, .enabled(if: LoopBinaries.available, "build loopd and loopctl first (make test does)"))
struct HandEditEndToEndTests {
    static let fixture = "transcripts/claude-code/claude-code-viewer__fe5e1c67-53e7-4862-81ae-d0e013e3270b.jsonl"
    static let recordedCwd = "/path/to/Demo"
    /// Line 2 runs the user's `/orchestrator` command, which launches general-purpose
    /// subagents (lines 13-15); line 24 is the result of a subagent's Write of
    /// components/TodoItem.tsx (line 23).
    static let writeResultLine = 24
    static let sessionFile = "fe5e1c67-53e7-4862-81ae-d0e013e3270b.jsonl"

    let plantedEmail = "jane.doe@example.com"
    let plantedToken = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"

    @Test func handEditOfASkillsOutputBecomesOnePendingRedactedLesson() async throws {
        let harness = try DaemonHarness()
        defer { harness.user.root.remove() }
        let repo = harness.user.home.appendingPathComponent("projects/todo-demo")
        try FileManager.default.createDirectory(at: repo.appendingPathComponent("components"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: repo.appendingPathComponent("todo-app"), withIntermediateDirectories: true)
        let lines = try String(contentsOf: Fixtures.url(Self.fixture), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            .map { $0.replacingOccurrences(of: Self.recordedCwd, with: repo.path) }

        let daemon = try await harness.startDaemon()
        let transcript = try TranscriptWriter(path: try harness.projectDirectory(for: repo.path).appendingPathComponent(Self.sessionFile))
        for line in lines.prefix(Self.writeResultLine - 1) { try transcript.append(line) }
        // The agent's Write lands on disk before its result line reaches the transcript.
        let css = repo.appendingPathComponent("components/TodoItem.tsx")
        let agentContent = try Self.writeContent(lines[Self.writeResultLine - 1])
        try agentContent.write(to: css, atomically: false, encoding: .utf8)
        try transcript.append(lines[Self.writeResultLine - 1])
        let watching = await eventually { (try? String(contentsOfFile: harness.user.root.appending("run/loop/status.json").path, encoding: .utf8))?.contains(repo.path) == true }
        #expect(watching, "loopd should watch the session's working tree")
        try await Task.sleep(for: .milliseconds(800))
        #expect(try await harness.lessons().isEmpty, "the agent's own write is not a correction")

        // The user rewrites the first block the agent wrote, leaving personal data in it.
        var edited = agentContent.components(separatedBy: "\n")
        edited[8] = "interface TodoItemProps { // asked by \(plantedEmail), key \(plantedToken), see \(harness.user.home.path)/notes/todo.txt"
        edited[9] = "  todo: Readonly<Todo>;"
        try edited.joined(separator: "\n").write(to: css, atomically: false, encoding: .utf8)

        let appeared = await eventually(timeout: 20) { (try? await harness.lessons().count) == 1 }
        #expect(appeared, "a lesson should appear; loopd stderr: \(daemon.stderr.suffix(3000))")
        let lesson = try #require(try await harness.lessons().first)
        #expect(lesson["state"] as? String == "pending")
        #expect(lesson["signal"] as? String == "hand-edit")
        let artifact = lesson["artifact"] as? [String: Any]
        #expect(artifact?["kind"] as? String == "command")
        #expect(artifact?["name"] as? String == "orchestrator")

        let show = try await harness.loopctl("show", String((lesson["id"] as? String ?? "").prefix(13)), "--json")
        #expect(show.status == 0)
        #expect(show.stdout.contains("\"transcriptPath\""))
        #expect(show.stdout.contains("todo: Readonly<Todo>;"), "the evidence keeps what the user wrote")
        await harness.stop(daemon)
        try assertNothingPlanted(in: harness)

        // A restart re-reads nothing as new and duplicates nothing.
        let second = try await harness.startDaemon()
        try transcript.append(lines[Self.writeResultLine])
        try await Task.sleep(for: .milliseconds(800))
        let after = try await harness.lessons()
        #expect(after.count == 1)
        let evidence = try await harness.loopctl("show", lesson["id"] as? String ?? "", "--json")
        let detail = try JSONSerialization.jsonObject(with: Data(evidence.stdout.utf8)) as? [String: Any]
        #expect((detail?["evidence"] as? [Any])?.count == 1, "no evidence recorded twice")
        await harness.stop(second)
        try assertNothingPlanted(in: harness)
    }

    func assertNothingPlanted(in harness: DaemonHarness) throws {
        for suffix in ["", "-wal", "-shm"] {
            let path = harness.user.outboxPath + suffix
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains(plantedEmail), "email leaked into \(path)")
            #expect(!text.contains(plantedToken), "token leaked into \(path)")
            #expect(!text.contains(harness.user.home.path + "/notes"), "home path leaked into \(path)")
        }
    }

    static func writeContent(_ resultLine: String) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(resultLine.utf8)) as? [String: Any]
        let result = object?["toolUseResult"] as? [String: Any]
        return try #require(result?["content"] as? String)
    }
}
