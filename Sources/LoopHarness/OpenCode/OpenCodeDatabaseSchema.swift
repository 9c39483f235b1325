import GRDB

/// Which OpenCode tables a database has (reference/harness-formats.md §3.1):
/// V1 (1.2.0+) `session`, `message`, `part`; V2 (2.0) adds `session_v2` and
/// `session_message` to the same file (docs/harness-opencode.md, "V2 tables").
public struct OpenCodeDatabaseSchema: Sendable, Hashable {
    /// Column names per table, for the tables this reader cares about.
    public var columns: [String: Set<String>]

    static let tablesOfInterest = ["session", "message", "part", "session_v2", "session_message"]

    public init(columns: [String: Set<String>]) {
        self.columns = columns
    }

    static func read(_ db: Database) throws -> OpenCodeDatabaseSchema {
        // GRDB caches what it learnt of the schema; another connection (OpenCode) may have changed it.
        db.clearSchemaCache()
        var columns: [String: Set<String>] = [:]
        for table in tablesOfInterest where try db.tableExists(table) {
            columns[table] = Set(try db.columns(in: table).map(\.name))
        }
        return OpenCodeDatabaseSchema(columns: columns)
    }

    /// The V1 tables with the columns the reader queries.
    public var hasV1: Bool {
        let rowColumns: Set<String> = ["id", "session_id", "time_created", "time_updated", "data"]
        guard let session = columns["session"], session.isSuperset(of: ["id", "time_updated"]),
              let message = columns["message"], message.isSuperset(of: rowColumns),
              let part = columns["part"], part.isSuperset(of: rowColumns.union(["message_id"])) else { return false }
        return true
    }

    /// The V2 tables (OpenCode 2.0) with the columns the reader queries.
    public var hasV2: Bool {
        guard let session = columns["session_v2"], session.isSuperset(of: ["id", "time_updated"]),
              let message = columns["session_message"],
              message.isSuperset(of: ["id", "session_id", "type", "seq", "time_created", "time_updated", "data"])
        else { return false }
        return true
    }

    /// Both V2 tables exist, whatever their columns (`hasV2` says whether they can be read).
    var hasV2Tables: Bool { columns["session_v2"] != nil && columns["session_message"] != nil }

    /// Session info is kept in columns in 1.2.x; some builds keep a `data` JSON column instead.
    var sessionHasData: Bool { columns["session"]?.contains("data") == true }

    func has(_ table: String, _ column: String) -> Bool { columns[table]?.contains(column) == true }
}
