import Foundation

/// Where OpenCode keeps its data and configuration (reference/harness-formats.md
/// §3.1, §3.4). Pure path logic; touches no files.
public struct OpenCodeLayout: Sendable, Hashable {
    /// `$XDG_DATA_HOME/opencode`, or `~/.local/share/opencode`.
    public var dataDirectory: String
    /// `$XDG_CONFIG_HOME/opencode`, or `~/.config/opencode`.
    public var configDirectory: String

    public init(dataDirectory: String, configDirectory: String) {
        self.dataDirectory = dataDirectory
        self.configDirectory = configDirectory
    }

    /// The directories OpenCode itself would use for this environment. OpenCode
    /// follows XDG on every platform (macOS too), so there is no per-OS branch.
    public init(environment: [String: String], home: String) {
        func xdg(_ variable: String, default relative: String) -> String {
            if let value = environment[variable], value.hasPrefix("/") { return value }
            return (home as NSString).appendingPathComponent(relative)
        }
        dataDirectory = (xdg("XDG_DATA_HOME", default: ".local/share") as NSString).appendingPathComponent("opencode")
        let configRoot = (xdg("XDG_CONFIG_HOME", default: ".config") as NSString).appendingPathComponent("opencode")
        if let dir = environment["OPENCODE_CONFIG_DIR"], !dir.isEmpty {
            configDirectory = dir
        } else {
            configDirectory = configRoot
        }
    }

    /// `opencode.db` (1.2.0+). Other release channels use `opencode-<channel>.db`.
    public var databasePath: String { databasePath(channel: nil) }

    public func databasePath(channel: String?) -> String {
        let name = channel.map { "opencode-\($0).db" } ?? "opencode.db"
        return (dataDirectory as NSString).appendingPathComponent(name)
    }

    /// The write-ahead log: every committed write lands here first, so this is
    /// the file to watch (the main database file changes only at checkpoints).
    public var walPath: String { databasePath + "-wal" }

    /// `storage/`: the JSON layout of OpenCode up to 1.1.x.
    public var storageDirectory: String {
        (dataDirectory as NSString).appendingPathComponent("storage")
    }

    /// `snapshot/`: OpenCode's private git repositories behind /undo.
    public var snapshotDirectory: String {
        (dataDirectory as NSString).appendingPathComponent("snapshot")
    }

    /// The global config file (`opencode.json`; `opencode.jsonc` is accepted too).
    public var globalConfigPath: String {
        (configDirectory as NSString).appendingPathComponent("opencode.json")
    }

    /// Global instructions file.
    public var globalInstructionsPath: String {
        (configDirectory as NSString).appendingPathComponent("AGENTS.md")
    }

    /// Global commands, agents and skills. OpenCode also reads the singular
    /// folder names (`command/`, `agent/`, `skill/`); these are the documented plural ones.
    public var commandsDirectory: String { (configDirectory as NSString).appendingPathComponent("commands") }
    public var agentsDirectory: String { (configDirectory as NSString).appendingPathComponent("agents") }
    public var skillsDirectory: String { (configDirectory as NSString).appendingPathComponent("skills") }
}
