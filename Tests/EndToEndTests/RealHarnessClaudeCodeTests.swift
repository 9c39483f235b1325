import Foundation
import LoopTestSupport
import Testing

/// The real Claude Code CLI (from the harness kit) runs real turns against the
/// scripted model server while the real loopd watches: real tools write real
/// files and the real transcript; the test then plays the user (docs/testing.md).
@Suite("real Claude Code end to end", .serialized,
       .enabled(if: LoopBinaries.available, "build loopd and loopctl first (make test does)"),
       .enabled(if: RealHarnessKit.claudeInstalled, "the harness kit is not installed: run `make harness-kit` (.ci/run does)"))
struct RealHarnessClaudeCodeTests {
    /// A temporary user with loopd running, a working tree and the model server.
    struct Session {
        let harness: DaemonHarness
        let repo: URL
        let server: ModelServer
        let daemon: ChildProcess
        var home: URL { harness.user.home }

        func claude(_ prompt: String, resume: String? = nil, extra: [String] = ["--permission-mode", "acceptEdits"]) async throws -> [String: Any] {
            try await RealHarnessKit.claudePrint(prompt, resume: resume, in: repo, user: harness.user, server: server, extra: extra)
        }

        func write(_ text: String, to relative: String, under base: URL? = nil) throws {
            let url = (base ?? repo).appendingPathComponent(relative)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    /// Runs `body` with a fresh session whose script `turns(repo)` builds, and
    /// always stops loopd and the model server afterwards.
    static func withSession(turns: (URL) -> [[String: Any]], _ body: (Session) async throws -> Void) async throws {
        let harness = try DaemonHarness()
        defer { harness.user.root.remove() }
        let repo = harness.user.home.appendingPathComponent("work/app")
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: harness.user.claudeProjects, withIntermediateDirectories: true)
        let server = try await ModelServer(turns: turns(repo), logs: harness.logs)
        let daemon: ChildProcess
        do { daemon = try await harness.startDaemon() } catch { await server.stop(); throw error }
        let session = Session(harness: harness, repo: repo, server: server, daemon: daemon)
        do {
            try await body(session)
        } catch {
            await harness.stop(daemon)
            await server.stop()
            throw error
        }
        await harness.stop(daemon)
        await server.stop()
    }

    // MARK: a. a skill's output, a hand edit, a resumed session's chat correction

    static let skillBody = "Write CHANGELOG.md: a \"## Unreleased\" heading, then one bullet per change."
    static let changelog = "# Changelog\n\n## Unreleased\n\n- Added the export command.\n- Fixed the login timeout.\n"
    static let firstPrompt = "Update the changelog for this release"
    static let correction = "No, the changelog template puts the version and date in the heading; never write Unreleased."

    @Test func skillOutputHandEditedThenCorrectedInAResumedSessionIsOneLesson() async throws {
        try await Self.withSession(turns: { repo in [
            Turn.tool("Skill", ["skill": "changelog-writer"], expect: [Self.firstPrompt]),
            Turn.tool("Write", ["file_path": repo.appendingPathComponent("CHANGELOG.md").path, "content": Self.changelog], expect: [Self.skillBody]),
            Turn.text("Updated CHANGELOG.md.", expectToolResult: ["CHANGELOG.md"]),
            Turn.text("Understood: version and date in the heading from now on.", expect: [Self.correction]),
        ] }) { live in
            let file = live.repo.appendingPathComponent("CHANGELOG.md")
            try live.write("---\nname: changelog-writer\ndescription: Writes CHANGELOG.md entries for a release.\n---\n\(Self.skillBody)\n",
                           to: ".claude/skills/changelog-writer/SKILL.md", under: live.home)

            let first = try await live.claude(Self.firstPrompt)
            let sessionID = try #require(first["session_id"] as? String)
            #expect(try String(contentsOf: file, encoding: .utf8) == Self.changelog, "the real Write tool wrote the skill's file")
            #expect(await live.harness.waitUntilWatching(live.repo), "loopd should watch the session's working tree")
            try await Task.sleep(for: .milliseconds(800))
            #expect(try await live.harness.lessons().isEmpty, "the agent's own write is not a correction")

            // The user fixes the skill's heading by hand.
            try Self.changelog.replacingOccurrences(of: "## Unreleased", with: "## 2.4.0 - 2026-12-03")
                .write(to: file, atomically: false, encoding: .utf8)
            let appeared = await eventually(timeout: 20) { (try? await live.harness.lessons().count) == 1 }
            #expect(appeared, "one lesson; loopd stderr: \(live.daemon.stderr.suffix(3000))")
            let lesson = try #require(try await live.harness.lessons().first)
            #expect(lesson["signal"] as? String == "hand-edit")
            #expect((lesson["artifact"] as? [String: Any])?["kind"] as? String == "skill")
            #expect((lesson["artifact"] as? [String: Any])?["name"] as? String == "changelog-writer")
            #expect((lesson["harness"] as? [String: Any])?["name"] as? String == "claude-code")
            let id = try #require(lesson["id"] as? String)
            let severityBefore = lesson["severity"] as? String
            let evidenceBefore = (try await live.harness.show(id)["evidence"] as? [Any])?.count ?? 0

            // Later the user resumes the session and says what was wrong.
            let second = try await live.claude(Self.correction, resume: sessionID)
            #expect(second["session_id"] as? String == sessionID, "--resume continues the same session")
            let folded = await eventually(timeout: 20) {
                guard let lessons = try? await live.harness.lessons(), lessons.count == 1, let detail = try? await live.harness.show(id) else { return false }
                return (detail["evidence"] as? [Any])?.count ?? 0 > evidenceBefore || lessons[0]["severity"] as? String != severityBefore
            }
            if let after = try await live.harness.lessons().first {
                let evidence = (try await live.harness.show(id)["evidence"] as? [Any])?.count ?? 0
                print("fold: severity \(severityBefore ?? "?") -> \(after["severity"] as? String ?? "?"), evidence \(evidenceBefore) -> \(evidence)")
            }
            #expect(folded, "the chat correction folds into the lesson (more evidence or a higher severity); loopd stderr: \(live.daemon.stderr.suffix(3000))")
            #expect(try await live.harness.lessons().count == 1, "still exactly one lesson")
            // The resumed CLI noticed the hand edit itself (2.1.97+ attachment), which loop
            // decodes as the user's edit: it is the same correction, not a second lesson.
            let transcript = try Self.files(under: live.harness.user.claudeProjects).first { $0.lastPathComponent == sessionID + ".jsonl" }
            let text = try transcript.map { try String(contentsOf: $0, encoding: .utf8) } ?? ""
            #expect(text.contains(#""type":"edited_text_file","filename":"\#(file.path)""#), "the resumed session records the user's edit")
            live.server.expectPlayed()
            try await TranscriptAudit.check(live.harness, root: live.harness.user.claudeProjects, typed: [Self.firstPrompt, Self.correction], codex: false)
        }
    }

    // MARK: a2. the same skill invoked by the user as a slash command

    /// `claude -p "/changelog-writer ARGS"`: 2.1.327 writes the command echo
    /// (`<command-message>`, `<command-name>/changelog-writer</command-name>`,
    /// `<command-args>`), then an isMeta line "Base directory for this skill: …"
    /// with SKILL.md's body and "ARGUMENTS: …", and stamps the model's lines
    /// `attributionSkill`. The model receives all three as one user message.
    @Test func skillInvokedAsSlashCommandWritesAFileAndTheHandEditIsItsLesson() async throws {
        let prompt = "/changelog-writer for the 2.4.0 release"
        try await Self.withSession(turns: { repo in [
            Turn.tool("Write", ["file_path": repo.appendingPathComponent("CHANGELOG.md").path, "content": Self.changelog],
                      expect: ["<command-name>/changelog-writer</command-name>", Self.skillBody, "ARGUMENTS: for the 2.4.0 release"]),
            Turn.text("Updated CHANGELOG.md.", expectToolResult: ["CHANGELOG.md"]),
        ] }) { live in
            let file = live.repo.appendingPathComponent("CHANGELOG.md")
            try live.write("---\nname: changelog-writer\ndescription: Writes CHANGELOG.md entries for a release.\n---\n\(Self.skillBody)\n",
                           to: ".claude/skills/changelog-writer/SKILL.md", under: live.home)

            let result = try await live.claude(prompt)
            let sessionID = try #require(result["session_id"] as? String)
            #expect(try String(contentsOf: file, encoding: .utf8) == Self.changelog, "the real Write tool wrote the skill's file")
            let transcript = try Self.files(under: live.harness.user.claudeProjects).first { $0.lastPathComponent == sessionID + ".jsonl" }
            let text = try transcript.map { try String(contentsOf: $0, encoding: .utf8) } ?? ""
            #expect(text.contains("<command-name>/changelog-writer</command-name>"), "the CLI records the slash command's echo")
            #expect(text.contains("Base directory for this skill: \(live.home.path)/.claude/skills/changelog-writer"), "and the expanded skill")
            #expect(text.contains(#""attributionSkill":"changelog-writer""#), "and stamps the model's lines with the skill")
            #expect(await live.harness.waitUntilWatching(live.repo), "loopd should watch the session's working tree")
            try await Task.sleep(for: .milliseconds(800))
            #expect(try await live.harness.lessons().isEmpty, "the agent's own write is not a correction")

            // The user fixes the skill's heading by hand.
            try Self.changelog.replacingOccurrences(of: "## Unreleased", with: "## 2.4.0 - 2026-12-03")
                .write(to: file, atomically: false, encoding: .utf8)
            let appeared = await eventually(timeout: 20) { (try? await live.harness.lessons().count) == 1 }
            #expect(appeared, "one lesson; loopd stderr: \(live.daemon.stderr.suffix(3000))")
            try await Task.sleep(for: .milliseconds(500))
            let lessons = try await live.harness.lessons()
            #expect(lessons.count == 1, "exactly one lesson: \(lessons)")
            let lesson = try #require(lessons.first)
            #expect(lesson["signal"] as? String == "hand-edit")
            #expect((lesson["artifact"] as? [String: Any])?["kind"] as? String == "skill", "the user-invoked skill, not a command: \(lesson)")
            #expect((lesson["artifact"] as? [String: Any])?["name"] as? String == "changelog-writer")
            #expect((lesson["harness"] as? [String: Any])?["name"] as? String == "claude-code")
            live.server.expectPlayed()
            try await TranscriptAudit.check(live.harness, root: live.harness.user.claudeProjects, typed: [prompt], codex: false)
        }
    }

    // MARK: b. a subagent's output, corrected by hand

    static let agentBody = "You write YAML service configuration files for this repository."
    static let serviceYAML = "service: api\nreplicas: 1\nport: 8080\nhealthcheck: /healthz\n"

    @Test func subagentOutputHandEditedIsAttributedToTheAgent() async throws {
        let prompt = "Write the service config for the api"
        try await Self.withSession(turns: { repo in [
            Turn.tool("Agent", ["description": "Write service config", "prompt": "Write service.yml for the api service",
                                "subagent_type": "config-writer", "run_in_background": false],
                      unless: Self.agentBody, expect: [prompt]),
            Turn.tool("Write", ["file_path": repo.appendingPathComponent("service.yml").path, "content": Self.serviceYAML],
                      when: Self.agentBody, expect: ["Write service.yml for the api service"]),
            Turn.text("Wrote service.yml.", when: Self.agentBody, expectToolResult: ["service.yml"]),
            Turn.text("The config-writer agent wrote service.yml.", unless: Self.agentBody, expectToolResult: ["Wrote service.yml."]),
        ] }) { live in
            try live.write("---\nname: config-writer\ndescription: Writes service configuration files.\ntools: Read, Write, Edit\n---\n\(Self.agentBody)\n",
                           to: ".claude/agents/config-writer.md")
            let file = live.repo.appendingPathComponent("service.yml")
            let result = try await live.claude(prompt)
            #expect(try String(contentsOf: file, encoding: .utf8) == Self.serviceYAML, "the subagent's real Write tool wrote the file")
            let subagents = try Self.files(under: live.harness.user.claudeProjects).filter { $0.path.contains("/subagents/agent-") && $0.pathExtension == "jsonl" }
            #expect(subagents.count == 1, "the subagent has its own transcript: \(subagents)")
            #expect(await live.harness.waitUntilWatching(live.repo))
            try await Task.sleep(for: .milliseconds(800))
            #expect(try await live.harness.lessons().isEmpty, "the agent's own write is not a correction")

            try Self.serviceYAML.replacingOccurrences(of: "replicas: 1", with: "replicas: 3").write(to: file, atomically: false, encoding: .utf8)
            let appeared = await eventually(timeout: 20) { (try? await live.harness.lessons().count) == 1 }
            #expect(appeared, "one lesson; loopd stderr: \(live.daemon.stderr.suffix(3000))")
            let lesson = try #require(try await live.harness.lessons().first)
            #expect(lesson["signal"] as? String == "hand-edit")
            #expect((lesson["artifact"] as? [String: Any])?["kind"] as? String == "agent")
            #expect((lesson["artifact"] as? [String: Any])?["name"] as? String == "config-writer")
            #expect(result["session_id"] != nil)
            live.server.expectPlayed()
            try await TranscriptAudit.check(live.harness, root: live.harness.user.claudeProjects, typed: [prompt], codex: false)
        }
    }

    // MARK: c. tool uses the settings deny, and a headless run's automatic refusal

    @Test func deniedAndAutomaticallyRefusedToolUsesAreNoLesson() async throws {
        let prompt = "Store the deploy token and note where it is"
        let followUp = "Use the deploy key from the vault for this."
        try await Self.withSession(turns: { repo in [
            Turn.tool("Skill", ["skill": "token-keeper"], expect: [prompt]),
            // Denied by a rule in the user's settings.json.
            Turn.tool("Write", ["file_path": repo.appendingPathComponent("secrets/token.txt").path, "content": "token = abc\n"],
                      expect: ["Keep tokens in secrets/"]),
            // Outside the working tree: -p cannot ask, so Claude Code refuses on its own.
            Turn.tool("Write", ["file_path": repo.deletingLastPathComponent().appendingPathComponent("notes/where-the-token-is.md").path,
                                "content": "The token is in secrets/token.txt\n"],
                      expectToolResult: ["denied by your permission settings"]),
            Turn.text("I could not write either file.", expectToolResult: ["haven't granted it yet"]),
            Turn.text("I will use the vault's deploy key.", expect: [followUp]),
        ] }) { live in
            try live.write("---\nname: token-keeper\ndescription: Stores tokens for deployments.\n---\nKeep tokens in secrets/token.txt and note where they are.\n",
                           to: ".claude/skills/token-keeper/SKILL.md", under: live.home)
            try live.write("{\"permissions\": {\"deny\": [\"Edit(/\(live.repo.path)/secrets/**)\"]}}\n", to: ".claude/settings.json", under: live.home)

            let first = try await live.claude(prompt)
            let denials = first["permission_denials"] as? [[String: Any]] ?? []
            #expect(denials.count == 2, "both writes were refused: \(denials)")
            #expect(!FileManager.default.fileExists(atPath: live.repo.appendingPathComponent("secrets/token.txt").path))
            #expect(!FileManager.default.fileExists(atPath: live.repo.deletingLastPathComponent().appendingPathComponent("notes").path))
            // A typed message after the refusals: were a refusal taken for the
            // user's rejection, this would be its reason and make a lesson.
            let sessionID = try #require(first["session_id"] as? String)
            _ = try await live.claude(followUp, resume: sessionID)
            #expect(await live.harness.waitUntilWatching(live.repo))
            try await Task.sleep(for: .milliseconds(1500))
            #expect(try await live.harness.lessons().isEmpty, "a refusal by settings or by the headless run is not the user's correction")

            let analyze = try await live.harness.loopctl("analyze", live.harness.user.claudeProjects.path, "--json", "--explain")
            let signals = analyze.stdout.split(separator: "\n").compactMap {
                (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["signal"] as? String
            }
            #expect(!signals.contains("rejection"), "no refusal is decoded as a user's rejection: \(analyze.stdout)")
            live.server.expectPlayed()
            try await TranscriptAudit.check(live.harness, root: live.harness.user.claudeProjects, typed: [prompt, followUp], codex: false)
        }
    }

    // MARK: loopctl install claude-code, then the real `claude mcp list`

    @Test func installRegistersLoopAndClaudeConnectsToIt() async throws {
        try await Self.withSession(turns: { _ in [] }) { live in
            // With claude on PATH, install registers through `claude mcp add`.
            var environment = RealHarnessKit.environment(for: live.harness.user, server: live.server)
            environment["PATH"] = RealHarnessKit.venv.appendingPathComponent("bin").path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
            let install = try await ChildProcess.run(LoopBinaries.path("loopctl"), ["install", "claude-code"], environment: environment, logDirectory: live.harness.logs)
            #expect(install.status == 0, "loopctl install claude-code: \(install.stderr)")
            #expect(install.stdout.contains("claude mcp add"), "install used the claude CLI: \(install.stdout)")
            let list = try await RealHarnessKit.run(RealHarnessKit.claude, ["mcp", "list"], in: live.repo, environment: environment, logs: live.harness.logs)
            #expect(list.status == 0, "claude mcp list: \(list.stderr)")
            let line = list.stdout.split(separator: "\n").first { $0.hasPrefix("loop:") }
            #expect(line?.contains("Connected") == true, "claude mcp list shows loop connected: \(list.stdout)")
        }
    }

    static func files(under root: URL) throws -> [URL] {
        var found: [URL] = []
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL { found.append(url) }
        return found
    }
}
