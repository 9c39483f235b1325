import Foundation
import LoopCore
import LoopHarness
import LoopMCP

/// The consent gate's view of transcripts, through the same decoders the
/// daemon uses: only text the user typed counts as their answer.
struct TranscriptReader: TranscriptReading {
    let paths: LoopPaths
    /// How far back `recentTranscripts` looks, and how many files at most.
    var recentWindow: TimeInterval = 2 * 86_400
    var recentLimit = 20

    func conversation(transcriptPath: String, mentioning lessonID: String) -> [ChatTurn] {
        guard let kind = TranscriptKind.of(path: transcriptPath), mentions(transcriptPath, lessonID) else { return [] }
        var turns: [ChatTurn] = []
        _ = try? TranscriptKind.forEachRecord(path: transcriptPath, kind: kind) { events, _, _ in
            for event in events where event.agentID == nil {
                let speaker: ChatTurn.Speaker
                let text: String
                switch event.kind {
                case .agentMessage(let said): (speaker, text) = (.agent, said)
                case .userMessage(let typed): (speaker, text) = (.user, typed)
                default: continue
                }
                turns.append(ChatTurn(
                    speaker: speaker, text: text, sessionID: event.sessionID, transcriptPath: transcriptPath,
                    line: event.position.line, recordID: event.position.recordID, at: event.timestamp))
            }
        }
        return turns
    }

    /// A gate names the lesson's id, so a file without those bytes has none:
    /// most recent transcripts are skipped without decoding them.
    private func mentions(_ path: String, _ lessonID: String) -> Bool {
        guard !lessonID.isEmpty else { return false }
        // OpenCode's database is not one transcript; its reader decides.
        if !path.hasSuffix(".jsonl") { return true }
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe) else { return false }
        return data.range(of: Data(lessonID.utf8)) != nil
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

    /// Main-session transcripts (not subagents') modified within `recentWindow`, newest first.
    func recentTranscripts(harness: Harness) -> [String] {
        let files = FileManager.default
        var candidates: [String] = []
        switch harness {
        case .claudeCode:
            let projects = paths.claudeProjectsDir
            for project in (try? files.contentsOfDirectory(atPath: projects)) ?? [] {
                for name in (try? files.contentsOfDirectory(atPath: "\(projects)/\(project)")) ?? [] where name.hasSuffix(".jsonl") {
                    candidates.append("\(projects)/\(project)/\(name)")
                }
            }
        case .codex:
            let sessions = CodexLayout(home: paths.codexHome).sessionsDirectory
            let names = files.enumerator(atPath: sessions)?.compactMap { $0 as? String } ?? []
            candidates = names.filter { $0.hasSuffix(".jsonl") }.map { "\(sessions)/\($0)" }
        case .opencode:
            return []
        }
        let cutoff = Date().addingTimeInterval(-recentWindow)
        let dated = candidates.compactMap { path -> (String, Date)? in
            guard let modified = (try? files.attributesOfItem(atPath: path))?[.modificationDate] as? Date, modified >= cutoff else { return nil }
            return (path, modified)
        }
        return dated.sorted { $0.1 > $1.1 }.prefix(recentLimit).map(\.0)
    }
}
