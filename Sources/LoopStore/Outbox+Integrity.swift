import Foundation
import GRDB

extension Outbox {
    /// `PRAGMA integrity_check`, then loop's own tamper checks, over a
    /// read-only connection, so `loopctl doctor` never writes to (or migrates)
    /// the file it examines.
    ///
    /// The tamper checks find what the guard triggers exist to prevent, in a
    /// file someone changed anyway (by dropping a trigger, or before the
    /// v4 migration closed REPLACE): a missing guard trigger, a lesson whose
    /// state is not where its transition log ends, a log whose moves do not
    /// follow each other.
    ///
    /// - Returns: `["ok"]` for a sound database, else SQLite's list of problems
    ///   followed by loop's, each naming the table or lesson.
    /// - Throws: `OutboxError` when the file cannot be opened read-only (for
    ///   example a WAL database whose `-shm` file is missing and cannot be made).
    public static func integrityCheck(path: String) throws -> [String] {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "loop.outbox.integrity"
        configuration.busyMode = .timeout(busyTimeout)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db in
                let sqlite = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                let tampering = try OutboxTamperCheck.problems(db)
                if tampering.isEmpty { return sqlite }
                return (sqlite == ["ok"] ? [] : sqlite) + tampering
            }
        } catch let error as DatabaseError {
            throw map(error, path: path)
        }
    }
}
