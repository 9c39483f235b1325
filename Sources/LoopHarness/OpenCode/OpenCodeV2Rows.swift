import GRDB

/// The queries for OpenCode 2.0's tables. `session_v2` keeps session info in
/// the same columns as V1's `session` (read by `OpenCodeDatabaseQueries.sessions`
/// with `table: .sessionV2`); `session_message` keeps one message per row, its
/// kind in `type` and the rest as JSON in `data`, rewritten in place while it
/// streams. Reads only named columns, so columns OpenCode adds later change nothing.
extension OpenCodeDatabaseQueries {
    static func sessionMessages(_ db: Database, since time: Int64) throws -> [OpenCodeDatabaseRow] {
        try sessionMessages(db, where: "time_updated >= ?", [time])
    }

    static func sessionMessages(_ db: Database, ids: [String]) throws -> [OpenCodeDatabaseRow] {
        try chunked(ids) { try sessionMessages(db, where: "id IN (\(marks($0.count)))", StatementArguments($0)) }
    }

    /// Each row's object is the V2 message as OpenCode rebuilds it,
    /// `{...data, id, type}`, plus `sessionID`.
    private static func sessionMessages(
        _ db: Database, where condition: String, _ arguments: StatementArguments
    ) throws -> [OpenCodeDatabaseRow] {
        let sql = "SELECT id, session_id, type, seq, time_created, time_updated, data FROM session_message WHERE \(condition)"
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            let id: String = row["id"]
            let sessionID: String = row["session_id"] ?? ""
            let type: String = row["type"] ?? ""
            var result = OpenCodeDatabaseRow(
                table: .sessionMessage, id: id, sessionID: sessionID, timeUpdated: row["time_updated"] ?? 0,
                fingerprint: OpenCodeTableCursor.fingerprint(row["data"], type),
                messageCreated: row["time_created"] ?? 0, messageID: id, seq: row["seq"] ?? 0)
            fill(&result, data: row["data"], ids: ["id": id, "type": type, "sessionID": sessionID])
            return result
        }
    }
}
