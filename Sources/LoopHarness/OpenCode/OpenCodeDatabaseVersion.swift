import Foundation
import GRDB

/// The OpenCode version that wrote the newest session, read-only, for `loopctl doctor`.
public enum OpenCodeDatabaseVersion {
    /// - Returns: the `version` column of the most recently created session
    ///   (V1 `session` or 2.0's `session_v2`), or nil when the database has no
    ///   session or no such column (older formats).
    /// - Throws: when the file cannot be opened read-only.
    public static func newestSessionVersion(databasePath: String) throws -> String? {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "loop.doctor.opencode"
        let queue = try DatabaseQueue(path: databasePath, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            var newest: (created: Int64, version: String)?
            for table in ["session", "session_v2"] where try db.tableExists(table) {
                let columns = try db.columns(in: table).map(\.name)
                guard columns.contains("version") else { continue }
                let created = columns.contains("time_created") ? "time_created" : "rowid"
                let sql = "SELECT version, \(created) AS created FROM \(table) ORDER BY \(created) DESC LIMIT 1"
                guard let row = try Row.fetchOne(db, sql: sql), let version: String = row["version"] else { continue }
                let time: Int64 = row["created"] ?? 0
                if newest.map({ time > $0.created }) ?? true { newest = (time, version) }
            }
            return newest?.version
        }
    }
}
