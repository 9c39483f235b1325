import Foundation
import GRDB
import LoopCore

/// Tailing cursors: how far each transcript has been read, so a restart
/// neither re-processes nor misses lines.
extension Outbox {
    public func cursor(path: String) throws -> TailCursor? {
        try read { db in try CursorRecord.fetchOne(db, key: path)?.cursor }
    }

    /// Every saved cursor, by path.
    public func cursors() throws -> [TailCursor] {
        try read { db in try CursorRecord.order(CursorRecord.Columns.path).fetchAll(db).map(\.cursor) }
    }

    /// Inserts or replaces the cursor of `cursor.path`.
    public func saveCursor(_ cursor: TailCursor, at date: Date = Date()) throws {
        try saveCursors([cursor], at: date)
    }

    /// Saves many cursors in one transaction: one fsync for a whole batch of
    /// files, and never half a batch after a crash.
    public func saveCursors(_ cursors: [TailCursor], at date: Date = Date()) throws {
        guard !cursors.isEmpty else { return }
        try write { db in
            for cursor in cursors {
                try CursorRecord(cursor, at: date).upsert(db)
            }
        }
    }

    /// Forgets a file (deleted, or no longer watched). No error if it had no cursor.
    public func deleteCursor(path: String) throws {
        try write { db in _ = try CursorRecord.deleteOne(db, key: path) }
    }
}
