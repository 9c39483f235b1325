import Foundation

/// Where Claude Code keeps transcripts, and what a path under it means
/// (reference/harness-formats.md §1.1). Pure path logic; touches no files.
public struct ClaudeCodeLayout: Sendable, Hashable {
    /// `$CLAUDE_CONFIG_DIR`, or `~/.claude`.
    public var configDirectory: String

    public init(configDirectory: String) {
        self.configDirectory = configDirectory
    }

    /// The config dir Claude Code itself would use for this environment.
    public static func configDirectory(environment: [String: String], home: String) -> String {
        if let dir = environment["CLAUDE_CONFIG_DIR"], !dir.isEmpty { return dir }
        return (home as NSString).appendingPathComponent(".claude")
    }

    /// `<config>/projects`: one folder per working directory, holding the session files.
    public var projectsDirectory: String {
        (configDirectory as NSString).appendingPathComponent("projects")
    }

    /// True for a `.jsonl` file below `projects/` that is a conversation: a
    /// session file or a subagent file. Spilled tool outputs (`tool-results/`)
    /// and auto memory (`memory/`) are not transcripts.
    public func isTranscript(_ path: String) -> Bool {
        let root = projectsDirectory.hasSuffix("/") ? projectsDirectory : projectsDirectory + "/"
        guard path.hasPrefix(root), path.hasSuffix(".jsonl") else { return false }
        let components = path.dropFirst(root.count).split(separator: "/")
        guard components.count >= 2 else { return false }  // a file directly in projects/ is no session
        return !components.dropLast().contains { $0 == "tool-results" || $0 == "memory" }
    }

    /// The session a transcript belongs to, when the path says so:
    /// `<project>/<session>.jsonl` and `<project>/<session>/subagents/agent-<id>.jsonl`
    /// give `<session>`. The older `<project>/agent-<id>.jsonl` does not name its
    /// parent session; the `sessionId` inside its lines does.
    public static func sessionIDFromPath(_ path: String) -> String? {
        let components = path.split(separator: "/")
        guard let file = components.last, file.hasSuffix(".jsonl") else { return nil }
        if components.count >= 3, components[components.count - 2] == "subagents" {
            return String(components[components.count - 3])
        }
        if file.hasPrefix("agent-") { return nil }
        return String(file.dropLast(".jsonl".count))
    }

    /// True for subagent (sidechain) transcripts, in both the 2.1.x
    /// `<session>/subagents/` layout and the older `agent-<id>.jsonl` one.
    public static func isSubagent(_ path: String) -> Bool {
        agentIDFromPath(path) != nil
    }

    /// `<id>` of `agent-<id>.jsonl` (e.g. `a2898e3`, `acompact-fffbd0`).
    public static func agentIDFromPath(_ path: String) -> String? {
        guard let file = path.split(separator: "/").last,
              file.hasPrefix("agent-"), file.hasSuffix(".jsonl") else { return nil }
        let id = file.dropFirst("agent-".count).dropLast(".jsonl".count)
        return id.isEmpty ? nil : String(id)
    }
}
