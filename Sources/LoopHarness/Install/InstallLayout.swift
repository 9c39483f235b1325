import Foundation

/// The harnesses `loopctl install` knows, by their CLI names.
public enum InstallHarness: String, CaseIterable, Sendable {
    case claudeCode = "claude-code"
    case codex
    case opencode
}

/// Where each harness wants its MCP registration, skill and command, resolved
/// from the environment the way each harness resolves it itself
/// (reference/harness-formats.md §1.9–1.10, §2.6–2.7, §3.4–3.5).
public struct InstallLayout: Sendable, Equatable {
    public var home: String
    public var claudeConfigDir: String
    /// `~/.claude.json`, or `$CLAUDE_CONFIG_DIR/.claude.json` when that is set.
    public var claudeJSON: String
    public var codexHome: String
    public var openCodeConfigDir: String
    /// `$XDG_STATE_HOME/loop/install-manifest.json`.
    public var manifestPath: String

    public init(environment: [String: String]) {
        func absolute(_ key: String) -> String? {
            guard let value = environment[key], value.hasPrefix("/") else { return nil }
            return value
        }
        home = absolute("HOME") ?? NSHomeDirectory()
        let claudeOverride = absolute("CLAUDE_CONFIG_DIR")
        claudeConfigDir = claudeOverride ?? home + "/.claude"
        claudeJSON = claudeOverride.map { $0 + "/.claude.json" } ?? home + "/.claude.json"
        codexHome = absolute("CODEX_HOME") ?? home + "/.codex"
        openCodeConfigDir = (absolute("XDG_CONFIG_HOME") ?? home + "/.config") + "/opencode"
        manifestPath = (absolute("XDG_STATE_HOME") ?? home + "/.local/state") + "/loop/install-manifest.json"
    }

    /// The skill file for a harness.
    func skillPath(_ harness: InstallHarness) -> String {
        switch harness {
        case .claudeCode: "\(claudeConfigDir)/skills/\(BundledSkills.skillName)/SKILL.md"
        // Codex reads user skills from ~/.agents/skills (the agent skills standard).
        case .codex: "\(home)/.agents/skills/\(BundledSkills.skillName)/SKILL.md"
        case .opencode: "\(openCodeConfigDir)/skills/\(BundledSkills.skillName)/SKILL.md"
        }
    }

    /// The `/harness-feedback` command (a Codex custom prompt).
    func commandPath(_ harness: InstallHarness) -> String {
        switch harness {
        case .claudeCode: return "\(claudeConfigDir)/commands/\(BundledSkills.commandName).md"
        case .codex: return "\(codexHome)/prompts/\(BundledSkills.commandName).md"
        case .opencode:
            // Older OpenCode releases read the singular `command/`; use it when only it exists.
            let files = FileManager.default
            let singular = "\(openCodeConfigDir)/command"
            let folder = files.fileExists(atPath: singular) && !files.fileExists(atPath: "\(openCodeConfigDir)/commands") ? "command" : "commands"
            return "\(openCodeConfigDir)/\(folder)/\(BundledSkills.commandName).md"
        }
    }

    /// `opencode.jsonc` when the user has one, else `opencode.json`.
    var openCodeConfig: String {
        let jsonc = "\(openCodeConfigDir)/opencode.jsonc"
        return FileManager.default.fileExists(atPath: jsonc) ? jsonc : "\(openCodeConfigDir)/opencode.json"
    }

    var codexConfig: String { "\(codexHome)/config.toml" }
}
