#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where loop keeps its files, resolved once from an environment dictionary.
///
/// Every path follows the XDG Base Directory specification: an `XDG_*` variable
/// is used only when it is set, non-empty and absolute (the spec says relative
/// values must be ignored); otherwise the documented default below `home` is
/// used. The initialiser never touches the disk, so it is cheap and testable;
/// creating directories is the caller's job.
public struct LoopPaths: Sendable, Equatable {
    /// The user's home directory: `$HOME`, else the passwd entry, else `/`.
    public var home: String
    /// `$XDG_CONFIG_HOME/loop` or `~/.config/loop`: `config.toml` and the hub token.
    public var configDir: String
    /// `$XDG_STATE_HOME/loop` or `~/.local/state/loop`: the outbox and cursors.
    public var stateDir: String
    /// `$XDG_RUNTIME_DIR/loop`, or `/tmp/loop-<uid>/loop` when there is no runtime dir
    /// (e.g. a shell without a logind session): the daemon's unix socket.
    public var runtimeDir: String
    /// `stateDir/outbox.sqlite3`: the one SQLite outbox per user.
    public var outboxPath: String
    /// `$CLAUDE_CONFIG_DIR` or `~/.claude`: Claude Code's configuration root.
    public var claudeConfigDir: String
    /// `claudeConfigDir/projects`: where Claude Code writes its JSONL transcripts.
    public var claudeProjectsDir: String
    /// `$CODEX_HOME` or `~/.codex`: Codex's home (sessions live below it).
    public var codexHome: String

    /// Resolves every path from `environment` (normally `ProcessInfo.processInfo.environment`).
    /// - Parameters:
    ///   - environment: the variables to read; missing ones fall back to defaults.
    ///   - userID: used only for the runtime-dir fallback; defaults to the real uid.
    public init(environment: [String: String], userID: UInt32 = getuid()) {
        let home = LoopPaths.absolute(environment["HOME"]) ?? MachineIdentity.passwdHome(userID: userID) ?? "/"
        self.home = home
        let configBase = LoopPaths.absolute(environment["XDG_CONFIG_HOME"]) ?? LoopPaths.join(home, ".config")
        let stateBase = LoopPaths.absolute(environment["XDG_STATE_HOME"]) ?? LoopPaths.join(home, ".local/state")
        let runtimeBase = LoopPaths.absolute(environment["XDG_RUNTIME_DIR"]) ?? "/tmp/loop-\(userID)"
        configDir = LoopPaths.join(configBase, "loop")
        stateDir = LoopPaths.join(stateBase, "loop")
        runtimeDir = LoopPaths.join(runtimeBase, "loop")
        outboxPath = LoopPaths.join(stateDir, "outbox.sqlite3")
        claudeConfigDir = LoopPaths.absolute(environment["CLAUDE_CONFIG_DIR"]) ?? LoopPaths.join(home, ".claude")
        claudeProjectsDir = LoopPaths.join(claudeConfigDir, "projects")
        codexHome = LoopPaths.absolute(environment["CODEX_HOME"]) ?? LoopPaths.join(home, ".codex")
    }

    /// `value` without trailing slashes if it is a non-empty absolute path, else nil.
    /// Relative values are ignored rather than resolved against the cwd, which a
    /// daemon cannot rely on (XDG spec: "the value … shall be considered invalid").
    static func absolute(_ value: String?) -> String? {
        guard let value, value.hasPrefix("/") else { return nil }
        var trimmed = Substring(value)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }

    /// Joins two path pieces with exactly one slash (Foundation-free on purpose:
    /// URL would percent-encode and resolve symlinks we want left alone).
    static func join(_ base: String, _ component: String) -> String {
        base.hasSuffix("/") ? base + component : base + "/" + component
    }
}
