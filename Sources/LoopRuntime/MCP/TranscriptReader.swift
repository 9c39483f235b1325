import Foundation
import LoopCore
import LoopHarness
import LoopMCP

/// The consent gate's view of transcripts, through the same decoders the
/// daemon uses: only text the user typed counts as their answer.
struct TranscriptReader: TranscriptReading {
    let paths: LoopPaths

    func latestTypedMessage(transcriptPath: String) -> TypedMessage? {
        guard let kind = TranscriptKind.of(path: transcriptPath) else { return nil }
        var latest: TypedMessage?
        _ = try? TranscriptKind.forEachRecord(path: transcriptPath, kind: kind) { events, line, _ in
            for event in events where event.agentID == nil {
                if case .userMessage(let text) = event.kind {
                    latest = TypedMessage(text: text, line: line, transcriptPath: transcriptPath)
                }
            }
        }
        return latest
    }

    /// Claude Code names the file after the session (`<project>/<session>.jsonl`);
    /// Codex ends the rollout name with it (`rollout-<time>-<session>.jsonl`).
    func transcriptPath(sessionID: String, harness: Harness) -> String? {
        guard !sessionID.isEmpty, !sessionID.contains("/") else { return nil }
        let files = FileManager.default
        switch harness {
        case .claudeCode:
            let projects = paths.claudeProjectsDir
            for project in (try? files.contentsOfDirectory(atPath: projects)) ?? [] {
                let candidate = "\(projects)/\(project)/\(sessionID).jsonl"
                if files.fileExists(atPath: candidate) { return candidate }
            }
        case .codex:
            let sessions = CodexLayout(home: paths.codexHome).sessionsDirectory
            let suffix = "-\(sessionID).jsonl"
            let found = files.enumerator(atPath: sessions)?.lazy.compactMap { $0 as? String }.first { $0.hasSuffix(suffix) }
            return found.map { "\(sessions)/\($0)" }
        case .opencode:
            return nil
        }
        return nil
    }
}
