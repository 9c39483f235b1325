import Foundation
import LoopHarness
import LoopTestSupport
import Testing

/// `loopctl install`/`uninstall` against realistic existing configs in a temporary HOME.
@Suite struct InstallerTests {
    struct Home {
        let root: TemporaryDirectory
        let installer: Installer

        init(command: String = "/opt/loop/bin/loopctl") throws {
            root = try TemporaryDirectory(prefix: "loop-install")
            let environment = ["HOME": root.path, "XDG_CONFIG_HOME": root.path + "/.config", "XDG_STATE_HOME": root.path + "/.local/state"]
            installer = Installer(layout: InstallLayout(environment: environment), command: command)
        }

        func write(_ relative: String, _ text: String) throws {
            let url = root.appending(relative)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }

        func read(_ relative: String) -> String? { try? String(contentsOf: root.appending(relative), encoding: .utf8) }

        func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: root.appending(relative).path) }

        /// Every file under the home with its content, to compare before and after.
        func snapshot() -> [String: String] {
            var files: [String: String] = [:]
            let enumerator = FileManager.default.enumerator(atPath: root.path)
            while let path = enumerator?.nextObject() as? String {
                var isDirectory: ObjCBool = false
                FileManager.default.fileExists(atPath: root.path + "/" + path, isDirectory: &isDirectory)
                files[path] = isDirectory.boolValue ? "<dir>" : read(path)
            }
            return files
        }

        func install(_ harness: InstallHarness) throws { try installer.apply(try installer.plan(harness)) }
        func uninstall(_ harness: InstallHarness) throws -> InstallPlan {
            let plan = try installer.planUninstall(harness)
            try installer.applyUninstall(plan)
            return plan
        }
    }

    static let claudeJSON = """
        {
          "numStartups": 42,
          "projects": {
            "/home/u/x": {
              "mcpServers": {}
            }
          },
          "mcpServers": {
            "github": {
              "type": "http",
              "url": "https://api.example.com/mcp"
            }
          },
          "oauthAccount": {
            "emailAddress": "u@example.com"
          }
        }

        """

    static let codexTOML = """
        # Codex settings, by hand
        model = "gpt-5"  # keep this
        approval_policy = "on-request"

        [mcp_servers.docs]
        command = "docs-server"
        args = ["--stdio"]

        [profiles.fast]
        model = 'o4-mini'

        """

    static let openCodeJSONC = """
        {
          // OpenCode settings
          "$schema": "https://opencode.ai/config.json",
          "theme": "tokyonight", /* dark */
          "mcp": {
            "jira": { "type": "remote", "url": "https://jira.example.com/mcp" }, // work
          },
        }

        """

    @Test func claudeCodeKeepsEverythingElse() throws {
        let home = try Home()
        try home.write(".claude.json", Self.claudeJSON)
        let before = home.snapshot()
        try home.install(.claudeCode)
        let text = try #require(home.read(".claude.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let servers = try #require(object["mcpServers"] as? [String: Any])
        #expect(servers["github"] != nil)
        let loop = try #require(servers["loop"] as? [String: Any])
        #expect(loop["command"] as? String == "/opt/loop/bin/loopctl")
        #expect(loop["args"] as? [String] == ["mcp"])
        #expect(object["numStartups"] as? Int == 42)
        // Key order and untouched members stay byte for byte.
        #expect(text.hasPrefix("{\n  \"numStartups\": 42,\n  \"projects\": {"))
        #expect(text.contains("\"oauthAccount\": {\n    \"emailAddress\": \"u@example.com\"\n  }"))
        #expect(home.read(".claude/skills/loop-feedback/SKILL.md") == BundledSkills.skill)
        #expect(home.read(".claude/commands/harness-feedback.md") == BundledSkills.command)
        #expect(!text.lowercased().contains("token"))

        #expect(try home.installer.plan(.claudeCode).isEmpty, "a second install changes nothing")
        _ = try home.uninstall(.claudeCode)
        #expect(home.snapshot().filter { !$0.key.hasPrefix(".local") } == before)
    }

    @Test func codexBlockPreservesCommentsAndTables() throws {
        let home = try Home()
        try home.write(".codex/config.toml", Self.codexTOML)
        let before = home.snapshot()
        try home.install(.codex)
        let text = try #require(home.read(".codex/config.toml"))
        #expect(text.hasPrefix(Self.codexTOML))
        #expect(text.contains("# BEGIN loop (managed by loopctl install)\n[mcp_servers.loop]\ncommand = \"/opt/loop/bin/loopctl\"\nargs = [\"mcp\"]\n# END loop\n"))
        #expect(home.exists(".agents/skills/loop-feedback/SKILL.md"))
        #expect(home.exists(".codex/prompts/harness-feedback.md"))
        #expect(try home.installer.plan(.codex).isEmpty)
        _ = try home.uninstall(.codex)
        #expect(home.snapshot().filter { !$0.key.hasPrefix(".local") } == before)
    }

    @Test func codexRefusesToOverrideAUsersOwnLoopTable() throws {
        let home = try Home()
        try home.write(".codex/config.toml", "[mcp_servers.loop]\ncommand = \"mine\"\n")
        #expect(throws: (any Error).self) { try home.installer.plan(.codex) }
    }

    @Test func openCodeJSONCKeepsCommentsAndTrailingCommas() throws {
        let home = try Home()
        try home.write(".config/opencode/opencode.jsonc", Self.openCodeJSONC)
        let before = home.snapshot()
        try home.install(.opencode)
        let text = try #require(home.read(".config/opencode/opencode.jsonc"))
        #expect(text.contains("// OpenCode settings"))
        #expect(text.contains("\"theme\": \"tokyonight\", /* dark */"))
        #expect(text.contains("\"jira\": { \"type\": \"remote\", \"url\": \"https://jira.example.com/mcp\" }, // work"))
        #expect(text.contains("\"loop\": {\n      \"command\": [\n        \"/opt/loop/bin/loopctl\",\n        \"mcp\"\n      ],\n      \"enabled\": true,\n      \"type\": \"local\"\n    },"))
        #expect(!home.exists(".config/opencode/opencode.json"))
        #expect(home.exists(".config/opencode/commands/harness-feedback.md"))
        #expect(try home.installer.plan(.opencode).isEmpty)
        _ = try home.uninstall(.opencode)
        #expect(home.snapshot().filter { !$0.key.hasPrefix(".local") } == before)
    }

    @Test func openCodeV2ShapeUnderServers() throws {
        let home = try Home()
        try home.write(".config/opencode/opencode.json", "{\n  \"mcp\": {\n    \"servers\": {}\n  }\n}\n")
        try home.install(.opencode)
        let text = try #require(home.read(".config/opencode/opencode.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let loop = try #require(((object["mcp"] as? [String: Any])?["servers"] as? [String: Any])?["loop"] as? [String: Any])
        #expect(loop["command"] as? [String] == ["/opt/loop/bin/loopctl", "mcp"])
        #expect(loop["enabled"] == nil)
    }

    @Test func freshHomeInstallsAndUninstallsToNothing() throws {
        let home = try Home()
        for harness in InstallHarness.allCases { try home.install(harness) }
        #expect(home.exists(".claude.json"))
        #expect(home.exists(".codex/config.toml"))
        #expect(home.exists(".config/opencode/opencode.json"))
        for harness in InstallHarness.allCases { _ = try home.uninstall(harness) }
        #expect(home.snapshot().keys.filter { !$0.hasPrefix(".local") }.isEmpty, "left: \(home.snapshot().keys.sorted())")
    }

    @Test func reinstallUpdatesOursAndKeepsWhatTheUserChanged() throws {
        let home = try Home()
        try home.install(.claudeCode)
        try home.write(".claude/commands/harness-feedback.md", "my own version\n")
        // A new binary location: the registration follows, the user's file stays.
        let moved = Installer(layout: home.installer.layout, command: "/usr/local/bin/loopctl")
        let plan = try moved.plan(.claudeCode)
        #expect(plan.notes.contains { $0.contains("harness-feedback.md") })
        try moved.apply(plan)
        #expect(home.read(".claude.json")?.contains("/usr/local/bin/loopctl") == true)
        #expect(home.read(".claude/commands/harness-feedback.md") == "my own version\n")
        let removal = try home.uninstall(.claudeCode)
        #expect(removal.notes.contains { $0.contains("harness-feedback.md") })
        #expect(home.read(".claude/commands/harness-feedback.md") == "my own version\n")
        #expect(!home.exists(".claude/skills/loop-feedback"))
        #expect(home.read(".claude.json")?.contains("loop") != true)
    }

    @Test func dryRunDiffShowsTheAddedLines() throws {
        let home = try Home()
        try home.write(".codex/config.toml", Self.codexTOML)
        let plan = try home.installer.plan(.codex)
        let diff = plan.changes.filter { !$0.isNoOp }.map(\.diff).joined()
        #expect(diff.contains("+[mcp_servers.loop]"))
        #expect(diff.contains("--- /dev/null\n+++ \(home.root.path)/.codex/prompts/harness-feedback.md"))
        #expect(home.read(".codex/config.toml") == Self.codexTOML, "planning writes nothing")
    }
}
