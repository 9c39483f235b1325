import Foundation
import LoopTestSupport
import Testing

/// Live watching for Codex and OpenCode with the real loopd: neither harness
/// exists when loopd starts, so both are picked up when their folders appear.
@Suite("loopd end to end: Codex and OpenCode", .serialized, .enabled(if: LoopBinaries.available, "build loopd and loopctl first (make test does)"))
struct OtherHarnessesEndToEndTests {
    static func line(_ type: String, _ payload: [String: Any]) -> String {
        let object: [String: Any] = ["timestamp": "2026-11-22T10:00:00.000Z", "type": type, "payload": payload]
        return String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    static func userMessage(_ text: String) -> String {
        line("event_msg", ["type": "user_message", "message": text, "images": [Any](), "kind": "plain"])
    }

    @Test func codexRolloutAppendedLineByLineGivesAHandEditLesson() async throws {
        let harness = try DaemonHarness()
        defer { harness.user.root.remove() }
        let repo = harness.user.home.appendingPathComponent("work/cfg")
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        let daemon = try await harness.startDaemon()
        // A new day's folder appears after loopd started.
        let day = harness.user.home.appendingPathComponent(".codex/sessions/2026/11/22")
        try FileManager.default.createDirectory(at: day, withIntermediateDirectories: true)
        let session = "0199f000-0000-7000-8000-00000000e2e1"
        let rollout = try TranscriptWriter(path: day.appendingPathComponent("rollout-2026-11-22T10-00-00-\(session).jsonl"))
        let file = repo.appendingPathComponent("ci.yml")
        let agentText = "jobs:\n  build:\n    runs-on: ubuntu-latest\n    steps: []\n"
        try rollout.append(Self.line("session_meta", ["id": session, "cwd": repo.path, "cli_version": "0.104.0", "originator": "codex_cli_rs"]))
        try rollout.append(Self.line("turn_context", ["cwd": repo.path, "model": "gpt-5-codex"]))
        try rollout.append(Self.userMessage("/prompts:ci-writer build on every push"))
        try await Task.sleep(for: .milliseconds(500))  // let loopd see the session and watch its folder
        let patch = "*** Begin Patch\n*** Add File: ci.yml\n" + agentText.split(separator: "\n").map { "+" + $0 }.joined(separator: "\n") + "\n*** End Patch\n"
        try rollout.append(Self.line("response_item", ["type": "custom_tool_call", "name": "apply_patch", "call_id": "call_1", "status": "completed", "input": patch]))
        try agentText.write(to: file, atomically: false, encoding: .utf8)
        try rollout.append(Self.line("event_msg", ["type": "patch_apply_end", "call_id": "call_1", "success": true, "status": "completed",
                                                   "stdout": "", "stderr": "", "changes": [file.path: ["type": "add", "content": agentText]]]))
        try rollout.append(Self.line("response_item", ["type": "custom_tool_call_output", "call_id": "call_1", "output": "Success. Updated the following files:\nA ci.yml\n"]))
        try rollout.append(Self.line("event_msg", ["type": "agent_message", "message": "Added ci.yml."]))
        try await Task.sleep(for: .milliseconds(500))
        #expect(try await harness.lessons().isEmpty)

        try agentText.replacingOccurrences(of: "ubuntu-latest", with: "self-hosted").write(to: file, atomically: false, encoding: .utf8)
        let found = await eventually(timeout: 20) { (try? await harness.lessons().count) == 1 }
        #expect(found, "stderr: \(daemon.stderr.suffix(3000))")
        let lesson = try #require(try await harness.lessons().first)
        #expect(lesson["signal"] as? String == "hand-edit")
        #expect((lesson["harness"] as? [String: Any])?["name"] as? String == "codex")
        #expect((lesson["artifact"] as? [String: Any])?["name"] as? String == "ci-writer")
        await harness.stop(daemon)
    }

    @Test func openCodeDatabaseWrittenByAnotherProcessGivesALesson() async throws {
        let harness = try DaemonHarness()
        defer { harness.user.root.remove() }
        let repo = harness.user.home.appendingPathComponent("work/prd")
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        let daemon = try await harness.startDaemon()
        let data = harness.user.home.appendingPathComponent(".local/share/opencode")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let database = data.appendingPathComponent("opencode.db").path
        let writer = Fixtures.repositoryRoot.appendingPathComponent("Tests/Interop/opencode_writer.py").path
        let first = try await ChildProcess.run("/usr/bin/env", ["python3", writer, database, repo.path, "1"], environment: harness.user.environment, logDirectory: harness.logs)
        #expect(first.status == 0, "\(first.stderr)")
        let watching = await eventually { (try? String(contentsOfFile: harness.user.root.appending("run/loop/status.json").path, encoding: .utf8))?.contains(repo.path) == true }
        #expect(watching, "loopd should read the session and watch its folder; stderr: \(daemon.stderr.suffix(2000))")
        let second = try await ChildProcess.run("/usr/bin/env", ["python3", writer, database, repo.path, "2"], environment: harness.user.environment, logDirectory: harness.logs)
        #expect(second.status == 0, "\(second.stderr)")
        let found = await eventually(timeout: 20) { (try? await harness.lessons().count) == 1 }
        #expect(found, "stderr: \(daemon.stderr.suffix(3000))")
        let lesson = try #require(try await harness.lessons().first)
        #expect(lesson["signal"] as? String == "chat-correction")
        #expect((lesson["harness"] as? [String: Any])?["name"] as? String == "opencode")
        #expect((lesson["artifact"] as? [String: Any])?["name"] as? String == "prd-writer")

        // The user then fixes the skill's file by hand: folded into the same lesson.
        try "# PRD: Search\n## Problem\nUsers cannot find documents.\n".write(to: repo.appendingPathComponent("docs/prd.md"), atomically: false, encoding: .utf8)
        let folded = await eventually(timeout: 20) {
            let shown = try? await harness.loopctl("show", lesson["id"] as? String ?? "", "--json")
            let detail = shown.flatMap { try? JSONSerialization.jsonObject(with: Data($0.stdout.utf8)) as? [String: Any] }
            return (detail?["evidence"] as? [Any])?.count == 2
        }
        #expect(folded, "the hand edit folds into the same lesson; stderr: \(daemon.stderr.suffix(2000))")
        #expect(try await harness.lessons().count == 1)
        await harness.stop(daemon)
    }
}
