import Foundation
import LoopTestSupport
import Testing

/// The consent gate with the real Claude Code CLI, the real loopd and a real
/// loophub: a lesson made in one session is shown and consented to in a later
/// one, through `loopctl install claude-code`'s MCP registration (docs/testing.md).
@Suite("real Claude Code consent gate", .serialized, HubHarness.required,
       .enabled(if: RealHarnessKit.claudeInstalled, "the harness kit is not installed: run `make harness-kit` (.ci/run does)"))
struct RealHarnessConsentTests {
    static let laterPrompt = "Anything from loop for me to review?"
    static let mcpTools = ["--permission-mode", "acceptEdits", "--allowedTools", "mcp__loop__lessons_pending,mcp__loop__lesson_consent"]

    /// The gate as the loop-feedback skill shows it, filled by the model server
    /// from what `lessons_pending` returned (`{{id}}`, `{{payload}}`).
    static let gate = """
        loop recorded one lesson about the changelog-writer skill. This is exactly what would be sent:

        LOOP-CONSENT-GATE lesson {{id}}
        ```json
        {{payload}}
        ```
        [S]end [E]dit [D]ecline
        """

    @Test func aLessonFromAnEarlierSessionIsConsentedToInALaterOneAndReachesTheHub() async throws {
        let hub = try HubHarness()
        defer { hub.directory.remove() }
        try await hub.start()
        let contributor = try await hub.token(role: "contributor")
        let admin = try await hub.token(role: "admin")
        let harness = try DaemonHarness()
        defer { harness.user.root.remove() }
        let repo = harness.user.home.appendingPathComponent("work/app")
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: harness.user.claudeProjects, withIntermediateDirectories: true)
        let changelog = repo.appendingPathComponent("CHANGELOG.md")
        let tools = [
            "mcp__loop__lessons_pending", "mcp__loop__lesson_consent",
        ]
        let server = try await ModelServer(turns: [
            // Session 1: the skill writes the changelog.
            Turn.tool("Skill", ["skill": "changelog-writer"], expect: [RealHarnessClaudeCodeTests.firstPrompt]),
            Turn.tool("Write", ["file_path": changelog.path, "content": RealHarnessClaudeCodeTests.changelog],
                      expect: [RealHarnessClaudeCodeTests.skillBody]),
            Turn.text("Updated CHANGELOG.md.", expectToolResult: ["CHANGELOG.md"]),
            // Session 2, the next day: the agent looks for pending lessons…
            Turn.tool(tools[0], ["limit": 5], expect: [Self.laterPrompt]),
            // …shows the gate and, without waiting for the user, consents: refused.
            ["capture": ["id": "lessons.0.id", "payload": "lessons.0.payload"], "text": Self.gate,
             "tool_calls": [["name": tools[1], "input": ["id": "{{id}}", "decision": "send"]]],
             "expect_tool_result": ["changelog-writer"]],
            Turn.text("loop refused: you have not answered yet. Type S to send it, E to edit or D to decline.", expectToolResult: ["refused:"]),
            // The user answers S in that session; now the agent's call is accepted.
            Turn.tool(tools[1], ["id": "{{id}}", "decision": "send"], expect: ["S"]),
            Turn.text("Approved; loop sends it to the skill's author.", expectToolResult: ["approved:"]),
        ], logs: harness.logs)
        // The user is logged in to the hub before loopd starts.
        let login = try await ChildProcess.runWithInput(LoopBinaries.path("loopctl"), ["login", "--hub", hub.url, "--token-stdin"],
                                                        input: contributor + "\n", environment: harness.user.environment, logDirectory: harness.logs)
        #expect(login.status == 0, "loopctl login: \(login.stderr)")
        let daemon = try await harness.startDaemon()
        do {
            try await Self.play(harness: harness, daemon: daemon, hub: hub, server: server, repo: repo, admin: admin)
        } catch {
            await harness.stop(daemon)
            await server.stop()
            await hub.stop()
            throw error
        }
        await harness.stop(daemon)
        await server.stop()
        await hub.stop()
    }

    static func play(harness: DaemonHarness, daemon: ChildProcess, hub: HubHarness, server: ModelServer, repo: URL, admin: String) async throws {
        let changelog = repo.appendingPathComponent("CHANGELOG.md")

        // The user installs loop for Claude Code (claude on PATH: `claude mcp add`).
        var environment = RealHarnessKit.environment(for: harness.user, server: server)
        environment["PATH"] = RealHarnessKit.venv.appendingPathComponent("bin").path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        let install = try await ChildProcess.run(LoopBinaries.path("loopctl"), ["install", "claude-code"], environment: environment, logDirectory: harness.logs)
        #expect(install.status == 0, "loopctl install claude-code: \(install.stderr)")
        let skill = harness.user.home.appendingPathComponent(".claude/skills/changelog-writer/SKILL.md")
        try FileManager.default.createDirectory(at: skill.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "---\nname: changelog-writer\ndescription: Writes CHANGELOG.md entries for a release.\n---\n\(RealHarnessClaudeCodeTests.skillBody)\n"
            .write(to: skill, atomically: true, encoding: .utf8)
        func claude(_ prompt: String, resume: String? = nil, extra: [String] = ["--permission-mode", "acceptEdits"]) async throws -> [String: Any] {
            try await RealHarnessKit.claudePrint(prompt, resume: resume, in: repo, user: harness.user, server: server, extra: extra)
        }

        // Session 1, then the user's hand edit: one pending lesson.
        _ = try await claude(RealHarnessClaudeCodeTests.firstPrompt)
        #expect(await harness.waitUntilWatching(repo))
        try await Task.sleep(for: .milliseconds(800))
        try RealHarnessClaudeCodeTests.changelog.replacingOccurrences(of: "## Unreleased", with: "## 2.4.0 - 2026-12-03")
            .write(to: changelog, atomically: false, encoding: .utf8)
        let appeared = await eventually(timeout: 20) { (try? await harness.lessons().count) == 1 }
        #expect(appeared, "one lesson; loopd stderr: \(daemon.stderr.suffix(3000))")
        let id = try #require(try await harness.lessons().first?["id"] as? String)
        #expect(try await hub.ingestRequests() == 0, "nothing left before consent")

        // Session 2: the gate, the agent's premature consent (refused), then the user's "S" on --resume.
        let later = try await claude(Self.laterPrompt, extra: Self.mcpTools)
        let sessionID = try #require(later["session_id"] as? String)
        #expect((later["result"] as? String)?.contains("refused") == true, "\(later)")
        #expect(try await harness.lessons().first?["state"] as? String == "pending", "a consent without the user's answer changes nothing")
        let transcript = try #require(try RealHarnessClaudeCodeTests.files(under: harness.user.claudeProjects)
            .first { $0.lastPathComponent == sessionID + ".jsonl" })
        let written = try String(contentsOf: transcript, encoding: .utf8)
        #expect(written.contains("LOOP-CONSENT-GATE lesson \(id)"), "the real transcript holds the gate with the lesson's id")
        let refusal = written.split(separator: "\n").first { $0.contains("\"tool_result\"") && $0.contains("refused: ") }
        #expect(refusal?.contains("\"is_error\":true") == true, "the premature lesson_consent is a tool error: \(refusal ?? "no tool result")")
        // Observed with 2.1.327: "no consent gate" (the call runs before loopd finds the message that carries it in
        // the transcript); "not typed an answer yet" would be as right. Either way: refused, and the id is named.
        #expect(refusal?.contains("refused: the gate for lesson \(id) was shown but the user has not typed an answer yet") == true
                || refusal?.contains("refused: loop found no consent gate for lesson \(id)") == true, "\(refusal ?? "")")
        let payload = try await Self.payload(harness, id)
        #expect(Self.squeezed(written).contains(Self.squeezed(Self.jsonEscaped(payload))), "the gate shows the exact payload")

        _ = try await claude("S", resume: sessionID, extra: Self.mcpTools)
        let sent = await eventually(timeout: 30) { (try? await harness.lessons().first?["state"] as? String) == "sent" }
        #expect(sent, "approved in the chat, then sent by loopd; stderr: \(daemon.stderr.suffix(2000))")
        #expect(try await hub.storedIDs(admin: admin) == [id], "the lesson reached the hub")
        #expect(try await hub.ingestRequests() == 1, "posted once")
        let shown = try await harness.loopctl("show", id, "--json")
        #expect(shown.stdout.contains("\"actor\" : \"mcp\""), "the approval is logged with actor mcp")
        #expect(shown.stdout.contains(sessionID + ".jsonl line"), "the log names the answer that consented")
        server.expectPlayed()
        try await TranscriptAudit.check(harness, root: harness.user.claudeProjects,
                                        typed: [RealHarnessClaudeCodeTests.firstPrompt, Self.laterPrompt], codex: false)
    }

    /// The payload `lessons_pending` returns for `id`.
    static func payload(_ harness: DaemonHarness, _ id: String) async throws -> String {
        let pending = try await MCPScript.call(harness, [("lessons_pending", ["limit": 100])])
        let lessons = pending.first?["lessons"] as? [[String: Any]] ?? []
        return try #require(lessons.first { $0["id"] as? String == id }?["payload"] as? String, "\(pending)")
    }

    /// A text as it appears inside a JSON string in the transcript.
    static func jsonEscaped(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])) ?? Data()
        return String(String(decoding: data, as: UTF8.self).dropFirst(2).dropLast(2))
    }

    /// Runs of whitespace (and escaped newlines) as one space, as the gate check compares.
    static func squeezed(_ text: String) -> String {
        text.replacingOccurrences(of: "\\n", with: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
