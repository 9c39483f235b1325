import Foundation
import GRDB

/// One changed row of OpenCode's tables, with its JSON already parsed into
/// the object the session decoder takes (ids from the columns put back in, as
/// the JSON storage files and exports carry them). A V2 `session_message` row
/// holds the V2 message (`{...data, id, type, sessionID}`), which
/// `OpenCodeV2Message` translates.
struct OpenCodeDatabaseRow {
    enum Table: String { case session, message, part, sessionV2 = "session_v2", sessionMessage = "session_message" }
    var table: Table
    var id: String
    var sessionID: String
    var timeUpdated: Int64
    /// Of the row's content, to tell a rewrite within the same millisecond apart.
    var fingerprint: UInt64 = 0
    /// For ordering: the message's creation time (a part's message's) and id.
    var messageCreated: Int64 = 0
    var messageID: String = ""
    /// V2 only: the row's place in its session (`session_message.seq`).
    var seq: Int64 = 0
    /// nil when `data` was not a JSON object; `problem` says why.
    var object: [String: Any]?
    var problem: String?
}

/// The queries behind `OpenCodeDatabaseReader`. Reads only named columns, so
/// columns OpenCode adds later change nothing.
enum OpenCodeDatabaseQueries {
    /// `table` is `.session` (V1) or `.sessionV2`: both keep session info in the same columns.
    static func sessions(
        _ db: Database, schema: OpenCodeDatabaseSchema, table: OpenCodeDatabaseRow.Table = .session, since time: Int64
    ) throws -> [OpenCodeDatabaseRow] {
        try sessions(db, schema: schema, table: table, where: "time_updated >= ?", [time])
    }

    static func sessions(
        _ db: Database, schema: OpenCodeDatabaseSchema, table: OpenCodeDatabaseRow.Table = .session, ids: [String]
    ) throws -> [OpenCodeDatabaseRow] {
        try chunked(ids) { try sessions(db, schema: schema, table: table, where: "id IN (\(marks($0.count)))", StatementArguments($0)) }
    }

    private static func sessions(
        _ db: Database, schema: OpenCodeDatabaseSchema, table: OpenCodeDatabaseRow.Table, where condition: String,
        _ arguments: StatementArguments
    ) throws -> [OpenCodeDatabaseRow] {
        // Columns as of 1.2.x and 2.0.x; missing ones read as NULL so older/newer builds still work.
        let wanted = ["id", "parent_id", "project_id", "slug", "directory", "title", "version", "revert",
                      "time_created", "time_updated", "data"]
        let select = wanted.map { schema.has(table.rawValue, $0) ? $0 : "NULL AS \($0)" }.joined(separator: ", ")
        let sql = "SELECT \(select) FROM \(table.rawValue) WHERE \(condition) ORDER BY time_created, id"
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            let id: String = row["id"]
            var result = OpenCodeDatabaseRow(
                table: table, id: id, sessionID: id, timeUpdated: row["time_updated"] ?? 0,
                fingerprint: OpenCodeTableCursor.fingerprint(row["data"], row["revert"], row["title"], row["directory"]))
            var object: [String: Any] = [:]
            if let data: String = row["data"] {
                guard let parsed = parseObject(data) else {
                    result.problem = "data is not a JSON object"
                    return result
                }
                object = parsed
            }
            object["id"] = id
            for (column, key) in [("parent_id", "parentID"), ("project_id", "projectID"), ("slug", "slug"),
                                  ("directory", "directory"), ("title", "title"), ("version", "version")] {
                if let value: String = row[column] { object[key] = value }
            }
            if let revert: String = row["revert"] {
                if let parsed = parseObject(revert) { object["revert"] = parsed } else {
                    result.problem = "revert is not a JSON object"
                }
            }
            var time = object["time"] as? [String: Any] ?? [:]
            if let created: Int64 = row["time_created"] { time["created"] = created }
            if let updated: Int64 = row["time_updated"] { time["updated"] = updated }
            object["time"] = time
            result.messageCreated = row["time_created"] ?? 0
            result.object = object
            return result
        }
    }

    static func messages(_ db: Database, since time: Int64) throws -> [OpenCodeDatabaseRow] {
        try messages(db, where: "time_updated >= ?", [time])
    }

    static func messages(_ db: Database, ids: [String]) throws -> [OpenCodeDatabaseRow] {
        try chunked(ids) { try messages(db, where: "id IN (\(marks($0.count)))", StatementArguments($0)) }
    }

    private static func messages(_ db: Database, where condition: String, _ arguments: StatementArguments) throws -> [OpenCodeDatabaseRow] {
        let sql = "SELECT id, session_id, time_created, time_updated, data FROM message WHERE \(condition)"
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            let id: String = row["id"]
            let sessionID: String = row["session_id"] ?? ""
            var result = OpenCodeDatabaseRow(
                table: .message, id: id, sessionID: sessionID, timeUpdated: row["time_updated"] ?? 0,
                fingerprint: OpenCodeTableCursor.fingerprint(row["data"]), messageCreated: row["time_created"] ?? 0, messageID: id)
            fill(&result, data: row["data"], ids: ["id": id, "sessionID": sessionID])
            return result
        }
    }

    static func parts(_ db: Database, since time: Int64) throws -> [OpenCodeDatabaseRow] {
        // The message's creation time orders parts the way OpenCode shows them.
        let sql = """
            SELECT p.id, p.message_id, p.session_id, p.time_updated, p.data,
                   COALESCE(m.time_created, p.time_created) AS message_created
            FROM part p LEFT JOIN message m ON m.id = p.message_id
            WHERE p.time_updated >= ?
            """
        return try Row.fetchAll(db, sql: sql, arguments: [time]).map { row in
            let id: String = row["id"]
            let sessionID: String = row["session_id"] ?? ""
            let messageID: String = row["message_id"] ?? ""
            var result = OpenCodeDatabaseRow(
                table: .part, id: id, sessionID: sessionID, timeUpdated: row["time_updated"] ?? 0,
                fingerprint: OpenCodeTableCursor.fingerprint(row["data"]), messageCreated: row["message_created"] ?? 0, messageID: messageID)
            fill(&result, data: row["data"], ids: ["id": id, "sessionID": sessionID, "messageID": messageID])
            return result
        }
    }

    static func fill(_ row: inout OpenCodeDatabaseRow, data: String?, ids: [String: String]) {
        guard let data, var object = parseObject(data) else {
            row.problem = "data is not a JSON object"
            return
        }
        for (key, value) in ids where !value.isEmpty { object[key] = value }
        row.object = object
    }

    /// Runs an `id IN (…)` query per 500 ids, under SQLite's limit on bound values.
    static func chunked(_ ids: [String], _ fetch: ([String]) throws -> [OpenCodeDatabaseRow]) rethrows -> [OpenCodeDatabaseRow] {
        try stride(from: 0, to: ids.count, by: 500).flatMap { try fetch(Array(ids[$0..<min($0 + 500, ids.count)])) }
    }

    /// `?,?,…` for an `IN (…)` list.
    static func marks(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ",")
    }

    static func parseObject(_ text: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    }
}
