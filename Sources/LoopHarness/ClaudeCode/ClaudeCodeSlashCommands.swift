import LoopCore

/// Slash commands as they appear in user lines:
/// `<command-name>/foo</command-name>` (2.x puts it first, 1.0.x after
/// `<command-message>`). Built-in commands are part of Claude Code itself, not
/// an artifact anyone ships, so they are never reported as activations.
enum ClaudeCodeSlashCommands {
    /// Built-in commands (Claude Code docs, Aug 2026, plus older names). Anything
    /// not listed is treated as a custom command, user-invoked skill or plugin
    /// command (`plugin:name`).
    static let builtIn: Set<String> = [
        "add-dir", "agents", "allowed-tools", "approved-tools", "bashes", "branch", "bug", "clear",
        "compact", "config", "context", "cost", "doctor", "exit", "export", "fast", "feedback", "fork",
        "help", "hooks", "ide", "init", "install-github-app", "login", "logout", "mcp", "memory",
        "migrate-installer", "model", "output-style", "output-style:new", "permissions", "plan",
        "plugin", "pr-comments", "privacy-settings", "quit", "release-notes", "rename", "resume",
        "review", "rewind", "sandbox", "security-review", "skills", "stats", "status", "statusline",
        "tasks", "terminal-setup", "theme", "todos", "upgrade", "usage", "vim",
    ]

    /// loop's explicit-feedback command, as `loopctl install` names it.
    static let feedbackCommands: Set<String> = ["harness-feedback"]

    /// The text between `<command-args>` and `</command-args>`.
    static func arguments(in text: String) -> String? {
        guard let open = text.range(of: "<command-args>"),
              let close = text.range(of: "</command-args>", range: open.upperBound..<text.endIndex)
        else { return nil }
        return String(text[open.upperBound..<close.lowerBound].trimmingWhitespace)
    }

    /// The command's name without the leading slash, e.g. `handgemacht:create-beads`.
    static func commandName(in text: String) -> String? {
        guard let open = text.range(of: "<command-name>"),
              let close = text.range(of: "</command-name>", range: open.upperBound..<text.endIndex)
        else { return nil }
        var name = String(text[open.upperBound..<close.lowerBound].trimmingWhitespace)
        if name.hasPrefix("/") { name.removeFirst() }
        return name.isEmpty ? nil : name
    }

    /// The name of a custom command in `text`, or nil for built-ins and non-commands.
    static func customCommandName(in text: String) -> String? {
        guard let name = commandName(in: text), !builtIn.contains(name.lowercased()) else { return nil }
        return name
    }
}
