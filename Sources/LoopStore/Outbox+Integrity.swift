import Foundation
import GRDB

extension Outbox {
    /// `PRAGMA integrity_check` over a read-only connection, so `loopctl doctor`
    /// never writes to (or migrates) the file it examines.
    ///
    /// - Returns: `["ok"]` for a sound database, else SQLite's list of problems.
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
            return try queue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        } catch let error as DatabaseError {
            throw map(error, path: path)
        }
    }
}
