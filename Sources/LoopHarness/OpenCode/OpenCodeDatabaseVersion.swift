import Foundation
import GRDB

/// The OpenCode version that wrote the newest session, read-only, for `loopctl doctor`.
public enum OpenCodeDatabaseVersion {
    /// - Returns: the `version` column of the most recently created session, or
    ///   nil when the database has no session or no such column (older formats).
    /// - Throws: when the file cannot be opened read-only.
    public static func newestSessionVersion(databasePath: String) throws -> String? {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "loop.doctor.opencode"
        let queue = try DatabaseQueue(path: databasePath, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            let columns = try db.columns(in: "session").map(\.name)
            guard columns.contains("version") else { return nil }
            let order = columns.contains("time_created") ? "time_created DESC" : "rowid DESC"
            return try String.fetchOne(db, sql: "SELECT version FROM session ORDER BY \(order) LIMIT 1")
        }
    }
}
