import Foundation

/// Where Codex keeps rollouts, and what a path under it means
/// (reference/harness-formats.md §2.1). Pure path logic; touches no files.
///
/// Rollouts live in `sessions/YYYY/MM/DD/` (a new date folder appears every
/// day, so watchers must pick up new folders) and move to `archived_sessions/`
/// when archived.
public struct CodexLayout: Sendable, Hashable {
    /// `$CODEX_HOME`, or `~/.codex`.
    public var home: String

    public init(home: String) {
        self.home = home
    }

    /// The home Codex itself would use for this environment.
    public static func home(environment: [String: String], homeDirectory: String) -> String {
        if let home = environment["CODEX_HOME"], !home.isEmpty { return home }
        return (homeDirectory as NSString).appendingPathComponent(".codex")
    }

    /// `<home>/sessions`: date folders `YYYY/MM/DD` holding the rollouts.
    public var sessionsDirectory: String { (home as NSString).appendingPathComponent("sessions") }

    /// `<home>/archived_sessions`: archived rollouts (flat in current builds).
    public var archivedSessionsDirectory: String { (home as NSString).appendingPathComponent("archived_sessions") }

    /// `<home>/prompts`: custom prompts, `<name>.md` → `/prompts:<name>`.
    public var promptsDirectory: String { (home as NSString).appendingPathComponent("prompts") }

    /// The Codex home a rollout lives under (the folder holding its `sessions/`
    /// or `archived_sessions/`), or nil when the path shows none.
    public static func home(ofRollout path: String) -> String? {
        for marker in ["/sessions/", "/archived_sessions/"] {
            if let range = path.range(of: marker, options: .backwards) { return String(path[..<range.lowerBound]) }
        }
        return nil
    }

    /// True for `rollout-*.jsonl` below `sessions/` or `archived_sessions/`.
    public func isRollout(_ path: String) -> Bool {
        guard let file = path.split(separator: "/").last,
              file.hasPrefix("rollout-"), file.hasSuffix(".jsonl") else { return false }
        return [sessionsDirectory, archivedSessionsDirectory].contains { root in
            path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
        }
    }

    /// The session (thread) id at the end of `rollout-<YYYY-MM-DDTHH-MM-SS>-<uuid>.jsonl`.
    public static func sessionIDFromPath(_ path: String) -> String? {
        guard let file = path.split(separator: "/").last, file.hasSuffix(".jsonl") else { return nil }
        let stem = file.dropLast(".jsonl".count)
        guard let rollout = stem.range(of: "rollout-") else { return nil }
        let rest = stem[rollout.upperBound...]
        // A UUID is the last 36 characters: 8-4-4-4-12 hex digits.
        guard rest.count >= 36 else { return nil }
        let candidate = String(rest.suffix(36))
        return UUID(uuidString: candidate) != nil ? candidate.lowercased() : nil
    }
}
