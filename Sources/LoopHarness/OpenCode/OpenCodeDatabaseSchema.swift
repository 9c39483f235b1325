import GRDB

/// Which OpenCode tables a database has (reference/harness-formats.md §3.1):
/// V1 (1.2.0+) `session`, `message`, `part`; V2 (`opencode2`) adds
/// `session_v2` and `session_message` to the same file.
public struct OpenCodeDatabaseSchema: Sendable, Hashable {
    /// Column names per table, for the tables this reader cares about.
    public var columns: [String: Set<String>]

    static let tablesOfInterest = ["session", "message", "part", "session_v2", "session_message"]

    public init(columns: [String: Set<String>]) {
        self.columns = columns
    }

    static func read(_ db: Database) throws -> OpenCodeDatabaseSchema {
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

    /// V2 tables are present (their rows are not decoded yet; see docs/harness-opencode.md).
    public var hasV2: Bool {
        columns["session_v2"] != nil && columns["session_message"] != nil
    }

    /// Session info is kept in columns in 1.2.x; some builds keep a `data` JSON column instead.
    var sessionHasData: Bool { columns["session"]?.contains("data") == true }

    func has(_ table: String, _ column: String) -> Bool { columns[table]?.contains(column) == true }
}
