import Foundation
import GRDB
import LoopTestSupport

/// Builds a real OpenCode database (V1 schema of 1.2.x, WAL mode) from an
/// `opencode export` fixture, the way OpenCode itself lays rows out: session
/// info in columns, message and part objects in `data` without their ids
/// (which become the `id`, `session_id`, `message_id` columns).
struct OpenCodeTestDatabase {
    let path: String
    /// The writer: a second connection, separate from the reader's.
    let pool: DatabasePool
    /// Simulates OpenCode's `Date.now()` at write time: never goes back, so
    /// rows written later never look older (ties are kept, they happen for real).
    private var clock: Int64 = 0

    static let schemaV1 = """
        CREATE TABLE project (id TEXT PRIMARY KEY, worktree TEXT NOT NULL, vcs TEXT,
            time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL);
        CREATE TABLE session (id TEXT PRIMARY KEY, project_id TEXT NOT NULL, parent_id TEXT, slug TEXT NOT NULL,
            directory TEXT NOT NULL, title TEXT NOT NULL, version TEXT NOT NULL, share_url TEXT,
            summary_additions INTEGER, summary_deletions INTEGER, summary_files INTEGER, summary_diffs TEXT,
            revert TEXT, permission TEXT, time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL,
            time_compacting INTEGER, time_archived INTEGER);
        CREATE TABLE message (id TEXT PRIMARY KEY, session_id TEXT NOT NULL REFERENCES session(id) ON DELETE CASCADE,
            time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL, data TEXT NOT NULL);
        CREATE INDEX message_session_idx ON message(session_id);
        CREATE TABLE part (id TEXT PRIMARY KEY, message_id TEXT NOT NULL REFERENCES message(id) ON DELETE CASCADE,
            session_id TEXT NOT NULL, time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL, data TEXT NOT NULL);
        CREATE INDEX part_message_idx ON part(message_id);
        CREATE INDEX part_session_idx ON part(session_id);
        """

    init(path: String) throws {
        self.path = path
        pool = try DatabasePool(path: path)  // DatabasePool puts the file in WAL mode
        try pool.write { try $0.execute(sql: Self.schemaV1) }
    }

    /// An export fixture: `(session info, [(message info, parts)])`.
    struct Export {
        var session: [String: Any]
        var messages: [(info: [String: Any], parts: [[String: Any]])]
    }

    static func load(_ url: URL) throws -> Export {
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        let messages = (root["messages"] as! [[String: Any]]).map {
            (info: $0["info"] as! [String: Any], parts: $0["parts"] as? [[String: Any]] ?? [])
        }
        return Export(session: root["info"] as! [String: Any], messages: messages)
    }

    mutating func insert(session: [String: Any]) throws {
        let time = session["time"] as? [String: Any] ?? [:]
        let created = Self.int(time["created"])
        let updated = tick(Self.int(time["updated"]))
        let revert = try (session["revert"]).map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }
        try pool.write { db in
            try db.execute(sql: """
                INSERT INTO session (id, project_id, parent_id, slug, directory, title, version, revert,
                    time_created, time_updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET revert = excluded.revert, time_updated = excluded.time_updated
                """, arguments: [session["id"] as? String, session["projectID"] as? String ?? "global",
                                 session["parentID"] as? String, session["slug"] as? String ?? "",
                                 session["directory"] as? String ?? "", session["title"] as? String ?? "",
                                 session["version"] as? String ?? "", revert, created, updated])
        }
    }

    mutating func insert(message info: [String: Any], parts: [[String: Any]]) throws {
        let time = info["time"] as? [String: Any] ?? [:]
        let created = Self.int(time["created"])
        try write(table: "message", object: info, ids: ["id", "sessionID"], created: created, updated: tick(created))
        for part in parts {
            try insert(part: part, messageCreated: created)
        }
        if let completed = time["completed"] {
            // OpenCode rewrites the message when the turn ends.
            try write(table: "message", object: info, ids: ["id", "sessionID"], created: created, updated: tick(Self.int(completed)))
        }
    }

    mutating func insert(part: [String: Any], messageCreated: Int64) throws {
        let state = (part["state"] as? [String: Any])?["time"] as? [String: Any]
        let natural = Self.int(state?["end"] ?? (part["time"] as? [String: Any])?["end"] ?? messageCreated)
        try write(table: "part", object: part, ids: ["id", "messageID", "sessionID"], created: messageCreated, updated: tick(natural))
    }

    /// Writes raw `data` text (for corrupt rows).
    mutating func insertRawPart(id: String, messageID: String, sessionID: String, data: String) throws {
        let now = tick(clock)
        try pool.write { db in
            try db.execute(sql: "INSERT INTO part (id, message_id, session_id, time_created, time_updated, data) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [id, messageID, sessionID, now, now, data])
        }
    }

    private func write(table: String, object: [String: Any], ids: [String], created: Int64, updated: Int64) throws {
        var data = object
        for key in ids { data[key] = nil }
        let json = String(decoding: try JSONSerialization.data(withJSONObject: data), as: UTF8.self)
        let columns = table == "part" ? "id, message_id, session_id" : "id, session_id"
        let values: [String?] = ids.map { object[$0] as? String }
        let marks = Array(repeating: "?", count: values.count + 3).joined(separator: ", ")
        try pool.write { db in
            // An upsert, as OpenCode does: REPLACE would delete the row first and
            // cascade to the message's parts.
            try db.execute(sql: """
                INSERT INTO \(table) (\(columns), time_created, time_updated, data) VALUES (\(marks))
                ON CONFLICT(id) DO UPDATE SET time_updated = excluded.time_updated, data = excluded.data
                """,
                           arguments: StatementArguments(values.map { $0 as (any DatabaseValueConvertible)? } + [created, updated, json]))
        }
    }

    private mutating func tick(_ natural: Int64) -> Int64 {
        clock = max(clock, natural)
        return clock
    }

    static func int(_ value: Any?) -> Int64 { (value as? NSNumber)?.int64Value ?? 0 }

    /// A whole export written into a fresh database at `path`.
    static func build(at path: String, from url: URL) throws -> OpenCodeTestDatabase {
        var database = try OpenCodeTestDatabase(path: path)
        let export = try load(url)
        try database.insert(session: export.session)
        for message in export.messages { try database.insert(message: message.info, parts: message.parts) }
        return database
    }
}
