import Foundation
import LoopCore
import LoopHarness

/// OpenCode (1.2+) keeps sessions in one SQLite database in WAL mode: loopd
/// watches the database and its `-wal` file and reads new rows with a
/// read-only connection, so OpenCode's writers are never blocked.
extension LoopDaemon {
    func followOpenCode(_ root: TranscriptRoot, existedAtStart: Bool) {
        let path = root.databasePath
        guard openCodeReaders[path] == nil, FileManager.default.fileExists(atPath: path) else { return }
        do {
            openCodeReaders[path] = try OpenCodeDatabaseReader(path: path)
        } catch {
            note(error: "cannot read OpenCode's database \(path): \(error)")
            return
        }
        let stored = (try? outbox.harnessCursor(source: path, as: OpenCodeCursor.self)) ?? nil
        // First sight of a database that was already there: its history builds
        // state but raises no lessons, like a transcript's (see docs/detection.md).
        readOpenCode(path, replay: stored == nil && existedAtStart && !backfill && !operations.hasRunBefore, after: stored)  // ops: first start only
    }

    func readOpenCode(_ path: String, replay: Bool = false, after stored: OpenCodeCursor?? = nil) {
        guard let reader = openCodeReaders[path] else { return }
        let cursor = stored ?? openCodeCursors[path]
        let issuesBefore = reader.issues.count
        do {
            let (events, next) = try reader.readNew(after: cursor)
            for issue in reader.issues.dropFirst(issuesBefore) {
                logger.warning("skipped an unreadable OpenCode row: \(issue.message)", metadata: ["loop.file": "\(issue.path)"])
            }
            for event in events {
                if case .sessionStarted(let info) = event.kind, event.agentID == nil { watchWorkingTree(info.cwd) }
                let decisions = detector.ingest(completed(event), now: Date())
                if !replay { record(decisions) }
            }
            if !events.isEmpty { forgetIdleState() }
            openCodeCursors[path] = next
            if canAdvanceCursors { try outbox.saveHarnessCursor(next, source: path) }  // ops: not past an unrecorded lesson
        } catch {
            note(error: "cannot read OpenCode's database \(path): \(error)")
        }
    }
}
