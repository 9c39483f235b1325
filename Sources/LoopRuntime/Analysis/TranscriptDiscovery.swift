import Foundation
import LoopHarness

/// Finds transcripts under the paths a user names.
public enum TranscriptDiscovery {
    /// Files named directly are taken as they are; directories are searched for
    /// `.jsonl` transcripts (a `~/.claude` folder under `projects/`, a `~/.codex`
    /// folder under `sessions/` and `archived_sessions/`). Main sessions come
    /// before subagent files so a subagent's activation is known before its
    /// edits; order is otherwise by path, for stable output.
    public static func transcripts(in paths: [String]) -> [(path: String, kind: TranscriptKind)] {
        var found: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            guard isDirectory.boolValue else {
                found.append(path)
                continue
            }
            if OpenCodeInput.detect(path: path) != nil {
                found.append(path)  // an OpenCode storage folder or data dir
                continue
            }
            let projects = (path as NSString).appendingPathComponent("projects")
            let root = fm.fileExists(atPath: projects) ? projects : path
            guard let walker = fm.enumerator(atPath: root) else { continue }
            for case let relative as String in walker {
                let name = (relative as NSString).lastPathComponent
                if name == "opencode.db" || (name.hasSuffix(".json") && relative.split(separator: "/").count == 1) {
                    let full = (root as NSString).appendingPathComponent(relative)
                    if OpenCodeInput.detect(path: full) != nil { found.append(full) }
                    continue
                }
                guard relative.hasSuffix(".jsonl") else { continue }
                let components = relative.split(separator: "/")
                if components.contains("tool-results") || components.contains("memory") { continue }
                if components.last == "history.jsonl" { continue }
                found.append((root as NSString).appendingPathComponent(relative))
            }
        }
        let ordered = found.sorted { lhs, rhs in
            let (l, r) = (ClaudeCodeLayout.isSubagent(lhs), ClaudeCodeLayout.isSubagent(rhs))
            return l == r ? lhs < rhs : !l
        }
        return ordered.compactMap { path in TranscriptKind.of(path: path).map { (path, $0) } }
    }
}
