import Foundation
import LoopTestSupport
import Testing

/// `loopctl install`/`uninstall` run as a real binary against configs that hold
/// secrets, symlinks and unusual but valid spellings: modes and owners are
/// kept, links stay links, and what cannot be edited safely is refused with
/// the file untouched.
@Suite("loopctl install end to end", .serialized,
       .enabled(if: FileManager.default.isExecutableFile(atPath: LoopBinaries.path("loopctl")), "build loopctl first (make test does)"))
struct InstallEndToEndTests {
    static let claudeJSON = "{\n  \"primaryApiKey\": \"sk-ant-api03-secret\",\n  \"mcpServers\": {\n    \"github\": { \"type\": \"http\", \"url\": \"https://api.example.com/mcp\" }\n  }\n}\n"
    static let codexTOML = "model = \"gpt-5\"\n\n[mcp_servers.docs]\ncommand = \"docs\"\nenv = { DOCS_TOKEN = \"secret\" }\n"
    static let openCodeJSON = "{\n  \"provider\": { \"anthropic\": { \"options\": { \"apiKey\": \"sk-ant-secret\" } } }\n}\n"

    /// The config of each harness, relative to HOME, with secret-bearing content.
    static let configs: [(harness: String, path: String, text: String)] = [
        ("claude-code", ".claude.json", claudeJSON),
        ("codex", ".codex/config.toml", codexTOML),
        ("opencode", ".config/opencode/opencode.json", openCodeJSON),
    ]

    /// Runs loopctl with umask 022 (the usual default, which made rewrites
    /// world-readable) and no `claude` on PATH, so ~/.claude.json is edited.
    static func loopctl(_ user: TestUser, _ arguments: [String]) async throws -> (status: Int32, stdout: String, stderr: String) {
        var environment = user.environment
        let bin = user.root.appending("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        environment["PATH"] = bin.path
        return try await ChildProcess.run("/bin/sh", ["-c", "umask 022; exec \"$0\" \"$@\"", LoopBinaries.path("loopctl")] + arguments,
                                          environment: environment, logDirectory: user.root.url)
    }

    static func write(_ user: TestUser, _ relative: String, _ bytes: [UInt8], mode: mode_t = 0o600) throws {
        let url = user.home.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        chmod(url.path, mode)
    }

    static func bytes(_ user: TestUser, _ relative: String) -> [UInt8]? {
        FileManager.default.contents(atPath: user.home.appendingPathComponent(relative).path).map { [UInt8]($0) }
    }

    static func status(_ user: TestUser, _ relative: String, link: Bool = false) -> stat {
        var info = stat()
        let path = user.home.appendingPathComponent(relative).path
        _ = link ? lstat(path, &info) : stat(path, &info)
        return info
    }

    /// Every file and link under HOME (loop's own state and config folders aside) with its bytes.
    static func snapshot(_ user: TestUser) -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        let enumerator = FileManager.default.enumerator(atPath: user.home.path)
        while let path = enumerator?.nextObject() as? String {
            guard ![".local", ".config"].contains(path), !path.hasPrefix(".local/state"), !path.hasPrefix(".config/loop") else { continue }
            files[path] = bytes(user, path) ?? []
        }
        return files
    }

    // MARK: - Item 2: modes, owners, symlinks

    @Test(arguments: configs.map(\.harness))
    func rewritesKeepModeAndOwnerThroughInstallAndUninstall(_ harness: String) async throws {
        let user = try TestUser()
        defer { user.root.remove() }
        let config = try #require(Self.configs.first { $0.harness == harness })
        try Self.write(user, config.path, Array(config.text.utf8), mode: 0o600)
        // As root, the file belongs to someone else (as after `sudo -u`): the owner must survive.
        let owner: (uid: uid_t, gid: gid_t) = geteuid() == 0 ? (65534, 65534) : (geteuid(), getegid())
        chown(user.home.appendingPathComponent(config.path).path, owner.uid, owner.gid)

        let install = try await Self.loopctl(user, ["install", harness])
        #expect(install.status == 0, "\(install.stderr)")
        var info = Self.status(user, config.path)
        #expect(info.st_mode & 0o777 == 0o600, "mode after install: \(String(info.st_mode & 0o777, radix: 8))")
        #expect(info.st_uid == owner.uid && info.st_gid == owner.gid)
        #expect(String(decoding: Self.bytes(user, config.path) ?? [], as: UTF8.self).contains("mcp"))
        let folder = (user.home.appendingPathComponent(config.path).path as NSString).deletingLastPathComponent
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).allSatisfy { !$0.contains(".loop-") }, "a temporary file was left")

        let uninstall = try await Self.loopctl(user, ["uninstall", harness])
        #expect(uninstall.status == 0, "\(uninstall.stderr)")
        info = Self.status(user, config.path)
        #expect(info.st_mode & 0o777 == 0o600, "mode after uninstall: \(String(info.st_mode & 0o777, radix: 8))")
        #expect(info.st_uid == owner.uid && info.st_gid == owner.gid)
        #expect(Self.bytes(user, config.path) == Array(config.text.utf8))
    }

    @Test func symlinkedClaudeJSONStaysALinkAndItsTargetIsEdited() async throws {
        let user = try TestUser()
        defer { user.root.remove() }
        try Self.write(user, "dotfiles/claude.json", Array(Self.claudeJSON.utf8), mode: 0o600)
        try FileManager.default.createSymbolicLink(atPath: user.home.appendingPathComponent(".claude.json").path,
                                                   withDestinationPath: "dotfiles/claude.json")

        let install = try await Self.loopctl(user, ["install", "claude-code"])
        #expect(install.status == 0, "\(install.stderr)")
        #expect(Self.status(user, ".claude.json", link: true).st_mode & S_IFMT == S_IFLNK, "the link was replaced by a file")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: user.home.appendingPathComponent(".claude.json").path) == "dotfiles/claude.json")
        #expect(String(decoding: Self.bytes(user, "dotfiles/claude.json") ?? [], as: UTF8.self).contains("\"loop\""))
        #expect(Self.status(user, "dotfiles/claude.json").st_mode & 0o777 == 0o600)

        let uninstall = try await Self.loopctl(user, ["uninstall", "claude-code"])
        #expect(uninstall.status == 0, "\(uninstall.stderr)")
        #expect(Self.status(user, ".claude.json", link: true).st_mode & S_IFMT == S_IFLNK)
        #expect(Self.bytes(user, "dotfiles/claude.json") == Array(Self.claudeJSON.utf8))
        #expect(Self.status(user, "dotfiles/claude.json").st_mode & 0o777 == 0o600)
    }

    @Test func newConfigsArePrivateAndHoldNoToken() async throws {
        let user = try TestUser()
        defer { user.root.remove() }
        try Self.write(user, ".config/loop/token", Array("loop-hub-token-7f3a9c\n".utf8))
        let install = try await Self.loopctl(user, ["install", "all"])
        #expect(install.status == 0, "\(install.stderr)")
        for config in Self.configs.map(\.path) + [".local/state/loop/install-manifest.json"] {
            #expect(Self.status(user, config).st_mode & 0o777 == 0o600, "\(config)")
            #expect(!String(decoding: Self.bytes(user, config) ?? [], as: UTF8.self).contains("loop-hub-token"), "\(config)")
        }
        #expect(Self.status(user, ".codex").st_mode & 0o777 == 0o700)
        #expect(Self.status(user, ".claude/skills/loop-feedback/SKILL.md").st_mode & 0o777 == 0o644)
        let uninstall = try await Self.loopctl(user, ["uninstall", "all"])
        #expect(uninstall.status == 0, "\(uninstall.stderr)")
        #expect(Self.snapshot(user).isEmpty, "left: \(Self.snapshot(user).keys.sorted())")
    }

    // MARK: - Item 9: Codex spellings of mcp_servers.loop

    static let codexSpellings: [(text: String, line: Int)] = [
        ("model = \"gpt-5\"\n\n[ mcp_servers.loop ]\ncommand = \"mine\"\n", 3),
        ("[mcp_servers.\"loop\"]\ncommand = \"mine\"\n", 1),
        ("[mcp_servers.'loop'.env]\nA = \"1\"\n", 1),
        ("[mcp_servers]\ndocs = { command = \"docs\" }\nloop = { command = \"mine\", args = [\"x\"] }\n", 3),
        ("model = \"gpt-5\"\nmcp_servers.loop.command = \"mine\"\n", 2),
        ("mcp_servers = { loop = { command = \"mine\" } }\n", 1),
        // Not loop, but TOML forbids adding [mcp_servers.loop] to an inline table.
        ("mcp_servers = { docs = { command = \"docs\" } }\n", 1),
    ]

    @Test(arguments: codexSpellings.indices)
    func codexRefusesAnExistingLoopServerInAnySpelling(_ index: Int) async throws {
        let user = try TestUser()
        defer { user.root.remove() }
        let spelling = Self.codexSpellings[index]
        try Self.write(user, ".codex/config.toml", Array(spelling.text.utf8))
        let before = Self.snapshot(user)
        let install = try await Self.loopctl(user, ["install", "codex"])
        #expect(install.status == 1)
        let path = user.home.appendingPathComponent(".codex/config.toml").path
        #expect(install.stderr.contains("\(path): line \(spelling.line): "), "\(install.stderr)")
        #expect(install.stderr.contains("nothing was changed"), "\(install.stderr)")
        #expect(Self.snapshot(user) == before, "the file or the home changed")
    }

    @Test func codexAcceptsValidTOMLItCannotInterpretAndRoundTripsIt() async throws {
        let user = try TestUser()
        defer { user.root.remove() }
        let text = "# mine\nstarted = 1979-05-27 07:32:00Z\n[mcp_servers.docs]\nenv = { A = \"1\", B = { c = [1, 2] } }\n"
            + "args = '''\nmulti [mcp_servers.loop]\n'''\n[profiles.fast]\nmodel = 'o4-mini'"
        try Self.write(user, ".codex/config.toml", Array(text.utf8))
        let install = try await Self.loopctl(user, ["install", "codex"])
        #expect(install.status == 0, "\(install.stderr)")
        #expect(try await Self.loopctl(user, ["uninstall", "codex"]).status == 0)
        #expect(Self.bytes(user, ".codex/config.toml") == Array(text.utf8))
    }

    // MARK: - Item 14: exact round trips, or a refusal that touches nothing

    static let roundTrips: [(path: String, text: String)] = [
        (".claude.json", "{\n  \"numStartups\": 3,\n  \"mcpServers\": {}\n}\n"),
        (".claude.json", "{}\n"),
        (".claude.json", "{\"mcpServers\": { }, \"projects\": {}}"),
        (".claude.json", "{\n  \"mcpServers\": {\n  }\n}\n"),
        (".claude.json", "{\n  \"mcpServers\": {\n    \"github\": { \"type\": \"http\" }\n  }\n}"),
        (".config/opencode/opencode.jsonc", "{\n  \"mcp\": {\n    \"jira\": { \"type\": \"remote\" } // work\n  }\n}\n"),
        (".config/opencode/opencode.jsonc", "{\n  \"mcp\": { /* none yet */ }\n}\n"),
    ]

    @Test(arguments: roundTrips.indices)
    func installThenUninstallRestoresTheFileByteForByte(_ index: Int) async throws {
        let user = try TestUser()
        defer { user.root.remove() }
        let trip = Self.roundTrips[index]
        let harness = trip.path.hasPrefix(".claude") ? "claude-code" : "opencode"
        try Self.write(user, trip.path, Array(trip.text.utf8))
        let install = try await Self.loopctl(user, ["install", harness])
        #expect(install.status == 0, "\(install.stderr)")
        #expect(String(decoding: Self.bytes(user, trip.path) ?? [], as: UTF8.self).contains("\"loop\""))
        let uninstall = try await Self.loopctl(user, ["uninstall", harness])
        #expect(uninstall.status == 0, "\(uninstall.stderr)")
        #expect(String(decoding: Self.bytes(user, trip.path) ?? [], as: UTF8.self) == trip.text)
    }

    @Test func invalidUTF8IsRefusedAndTheFileIsUntouched() async throws {
        let user = try TestUser()
        defer { user.root.remove() }
        // "José" in Latin-1: 0xE9 alone is not UTF-8.
        let text = Array("{\n  \"name\": \"Jos".utf8) + [0xE9] + Array("\",\n  \"mcpServers\": {}\n}\n".utf8)
        try Self.write(user, ".claude.json", text)
        let before = Self.snapshot(user)
        let install = try await Self.loopctl(user, ["install", "claude-code"])
        #expect(install.status == 1)
        #expect(install.stderr.contains("\(user.home.path)/.claude.json:2: byte 0xE9"), "\(install.stderr)")
        #expect(Self.snapshot(user) == before)

        // Installed on a clean file, then the byte appears: uninstall refuses too and keeps its record.
        try Self.write(user, ".claude.json", Array("{}\n".utf8))
        #expect(try await Self.loopctl(user, ["install", "claude-code"]).status == 0)
        var edited = Self.bytes(user, ".claude.json") ?? []
        edited.insert(contentsOf: Array("  \"name\": \"Jos".utf8) + [0xE9] + Array("\",\n".utf8), at: 2)
        try Self.write(user, ".claude.json", edited)
        let uninstall = try await Self.loopctl(user, ["uninstall", "claude-code"])
        #expect(uninstall.status == 1)
        #expect(Self.bytes(user, ".claude.json") == edited)
        #expect(FileManager.default.fileExists(atPath: user.home.appendingPathComponent(".local/state/loop/install-manifest.json").path))
    }

    @Test func duplicateMcpServersKeysAreRefusedAndTheFileIsUntouched() async throws {
        let user = try TestUser()
        defer { user.root.remove() }
        let text = "{\n  \"mcpServers\": {},\n  \"numStartups\": 1,\n  \"mcpServers\": { \"github\": { \"type\": \"http\" } }\n}\n"
        try Self.write(user, ".claude.json", Array(text.utf8))
        let before = Self.snapshot(user)
        let install = try await Self.loopctl(user, ["install", "claude-code"])
        #expect(install.status == 1)
        #expect(install.stderr.contains("\(user.home.path)/.claude.json: the key mcpServers appears 2 times (lines 2, 4)"), "\(install.stderr)")
        #expect(Self.snapshot(user) == before)
    }
}
