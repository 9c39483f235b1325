import Foundation
import LoopTestSupport
import Testing

/// The real Codex CLI (from the harness kit) runs `codex exec` against the
/// scripted model server (Responses API) while the real loopd watches.
@Suite("real Codex end to end", .serialized,
       .enabled(if: LoopBinaries.available, "build loopd and loopctl first (make test does)"),
       .enabled(if: RealHarnessKit.codexInstalled, "the harness kit is not installed: run `make harness-kit` (.ci/run does)"))
struct RealHarnessCodexTests {
    static let skillBody = "Write ci.yml with one build job that runs on ubuntu-latest."
    static let ciYAML = "jobs:\n  build:\n    runs-on: ubuntu-latest\n    steps: []\n"
    static let prompt = "$ci-writer add CI for this service"
    static let correction = "No, CI runs on self-hosted runners, never ubuntu-latest."

    /// `$CODEX_HOME/config.toml` pointing Codex at the model server. gpt-5.5 is
    /// a model Codex knows, so it offers the freeform `apply_patch` tool.
    static func config(server: ModelServer) -> String {
        """
        model = "gpt-5.5"
        model_provider = "scripted"

        [model_providers.scripted]
        name = "scripted"
        base_url = "\(server.baseURL)/v1"
        wire_api = "responses"
        env_key = "SCRIPTED_API_KEY"
        request_max_retries = 0
        stream_max_retries = 0

        """
    }

    @Test func installThenApplyPatchHandEditedThenCorrectedOnResumeIsOneLessonForTheSkill() async throws {
        let harness = try DaemonHarness()
        defer { harness.user.root.remove() }
        let home = harness.user.home
        let repo = home.appendingPathComponent("work/svc")
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        let patch = "*** Begin Patch\n*** Add File: ci.yml\n" + Self.ciYAML.split(separator: "\n").map { "+" + $0 }.joined(separator: "\n") + "\n*** End Patch\n"
        let server = try await ModelServer(turns: [
            Turn.tool("apply_patch", patch, expect: [Self.prompt, Self.skillBody]),
            Turn.text("Added ci.yml.", expectToolResult: ["ci.yml"]),
            Turn.text("Understood: self-hosted runners.", expect: [Self.correction]),
        ], logs: harness.logs)
        let codexHome = home.appendingPathComponent(".codex")
        try FileManager.default.createDirectory(at: codexHome, withIntermediateDirectories: true)
        try Self.config(server: server).write(to: codexHome.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        let skill = home.appendingPathComponent(".agents/skills/ci-writer/SKILL.md")
        try FileManager.default.createDirectory(at: skill.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "---\nname: ci-writer\ndescription: Writes the CI workflow ci.yml for this repository.\n---\n\(Self.skillBody)\n"
            .write(to: skill, atomically: true, encoding: .utf8)
        let environment = RealHarnessKit.environment(for: harness.user, server: server)
        let daemon: ChildProcess
        do { daemon = try await harness.startDaemon() } catch { await server.stop(); throw error }
        do {
            // loopctl install codex registers loop with the real Codex.
            let install = try await harness.loopctl("install", "codex")
            #expect(install.status == 0, "loopctl install codex: \(install.stderr)")
            let list = try await RealHarnessKit.run(RealHarnessKit.codex, ["mcp", "list"], in: repo, environment: environment, logs: harness.logs)
            #expect(list.status == 0, "codex mcp list: \(list.stderr)")
            #expect(list.stdout.split(separator: "\n").contains { $0.hasPrefix("loop ") || $0.hasPrefix("loop\t") }, "codex mcp list shows loop: \(list.stdout)")
            let loopctl = URL(fileURLWithPath: LoopBinaries.path("loopctl")).resolvingSymlinksInPath().path
            #expect(list.stdout.contains(loopctl), "registered with this loopctl (\(loopctl)): \(list.stdout)")

            let run = try await RealHarnessKit.run(RealHarnessKit.codex, ["exec", "--dangerously-bypass-approvals-and-sandbox", "--skip-git-repo-check", Self.prompt],
                                                   in: repo, environment: environment, logs: harness.logs)
            #expect(run.status == 0, "codex exec: \(run.stderr.suffix(3000))")
            let file = repo.appendingPathComponent("ci.yml")
            #expect((try? String(contentsOf: file, encoding: .utf8)) == Self.ciYAML, "Codex's real apply_patch wrote the file")
            #expect(await harness.waitUntilWatching(repo), "loopd should watch the session's working tree; stderr: \(daemon.stderr.suffix(2000))")
            try await Task.sleep(for: .milliseconds(800))
            #expect(try await harness.lessons().isEmpty, "the agent's own patch is not a correction")

            try Self.ciYAML.replacingOccurrences(of: "ubuntu-latest", with: "self-hosted").write(to: file, atomically: false, encoding: .utf8)
            let appeared = await eventually(timeout: 20) { (try? await harness.lessons().count) == 1 }
            #expect(appeared, "one lesson; loopd stderr: \(daemon.stderr.suffix(3000))")
            let lesson = try #require(try await harness.lessons().first)
            #expect(lesson["signal"] as? String == "hand-edit")
            #expect((lesson["harness"] as? [String: Any])?["name"] as? String == "codex")
            #expect((lesson["artifact"] as? [String: Any])?["kind"] as? String == "skill")
            #expect((lesson["artifact"] as? [String: Any])?["name"] as? String == "ci-writer")
            let id = try #require(lesson["id"] as? String)

            // `codex exec resume` appends the user's chat correction to the same rollout: it folds.
            let sessions = codexHome.appendingPathComponent("sessions")
            let rollouts = try FileManager.default.subpathsOfDirectory(atPath: sessions.path).filter { $0.hasSuffix(".jsonl") }
            #expect(rollouts.count == 1, "one rollout: \(rollouts)")
            let sessionID = String(try #require(rollouts.first).dropLast(".jsonl".count).suffix(36))
            let resumed = try await RealHarnessKit.run(RealHarnessKit.codex, ["exec", "--dangerously-bypass-approvals-and-sandbox", "--skip-git-repo-check",
                                                                              "resume", sessionID, Self.correction],
                                                       in: repo, environment: environment, logs: harness.logs)
            #expect(resumed.status == 0, "codex exec resume: \(resumed.stderr.suffix(3000))")
            let folded = await eventually(timeout: 20) {
                guard let lessons = try? await harness.lessons(), lessons.count == 1, let detail = try? await harness.show(id) else { return false }
                return (detail["evidence"] as? [Any])?.count ?? 0 >= 2
            }
            #expect(folded, "the resumed session's correction folds into the lesson; loopd stderr: \(daemon.stderr.suffix(3000))")
            #expect(try FileManager.default.subpathsOfDirectory(atPath: sessions.path).filter { $0.hasSuffix(".jsonl") }.count == 1, "resume appends to the same rollout")
            server.expectPlayed()
            try await TranscriptAudit.check(harness, root: sessions, typed: [Self.prompt, Self.correction], codex: true)
        } catch {
            await harness.stop(daemon)
            await server.stop()
            throw error
        }
        await harness.stop(daemon)
        await server.stop()
    }
}
