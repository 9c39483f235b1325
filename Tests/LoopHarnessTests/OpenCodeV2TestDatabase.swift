import Foundation
import GRDB

/// Writes OpenCode 2.0's tables (`session_v2`, `session_message`, DDL as
/// 2.0.15–2.0.26 create it) into a real SQLite file in WAL mode, through its
/// own connection, the way OpenCode does: `data` is the message without `id`
/// and `type`, and a streaming row is rewritten in place.
/// Open it on a fresh path (a V2-only database) or on a V1 database built by
/// `OpenCodeTestDatabase` (both layouts in one file, as after 2.0's migration).
struct OpenCodeV2TestDatabase {
    let path: String
    let pool: DatabasePool

    static let schemaV2 = """
        CREATE TABLE IF NOT EXISTS project (id TEXT PRIMARY KEY, worktree TEXT NOT NULL, vcs TEXT,
            time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL);
        CREATE TABLE session_v2 (id TEXT PRIMARY KEY, project_id TEXT NOT NULL, workspace_id TEXT, parent_id TEXT,
            fork_session_id TEXT, fork_boundary TEXT, slug TEXT NOT NULL, directory TEXT NOT NULL, path TEXT, title TEXT,
            version TEXT NOT NULL, share_url TEXT, summary_additions INTEGER, summary_deletions INTEGER,
            summary_files INTEGER, summary_diffs TEXT, metadata TEXT, cost REAL DEFAULT 0 NOT NULL,
            tokens_input INTEGER DEFAULT 0 NOT NULL, tokens_output INTEGER DEFAULT 0 NOT NULL,
            tokens_reasoning INTEGER DEFAULT 0 NOT NULL, tokens_cache_read INTEGER DEFAULT 0 NOT NULL,
            tokens_cache_write INTEGER DEFAULT 0 NOT NULL, revert TEXT, permission TEXT, agent TEXT, model TEXT,
            time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL, time_compacting INTEGER,
            time_archived INTEGER, time_suspended INTEGER, resume_attempts INTEGER DEFAULT 0 NOT NULL,
            time_idle INTEGER, time_viewed INTEGER, idle_outcome TEXT,
            FOREIGN KEY (project_id) REFERENCES project(id) ON DELETE CASCADE);
        CREATE INDEX session_v2_project_idx ON session_v2 (project_id);
        CREATE INDEX session_v2_parent_idx ON session_v2 (parent_id);
        CREATE TABLE session_message (id TEXT PRIMARY KEY, session_id TEXT NOT NULL, type TEXT NOT NULL,
            seq INTEGER NOT NULL, time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL, data TEXT NOT NULL,
            FOREIGN KEY (session_id) REFERENCES session_v2(id) ON DELETE CASCADE);
        CREATE UNIQUE INDEX session_message_session_seq_idx ON session_message (session_id, seq);
        CREATE INDEX session_message_session_type_seq_idx ON session_message (session_id, type, seq);
        CREATE INDEX session_message_session_time_created_id_idx ON session_message (session_id, time_created, id);
        CREATE INDEX session_message_time_created_idx ON session_message (time_created);
        INSERT OR IGNORE INTO project (id, worktree, time_created, time_updated) VALUES ('global', '/', 0, 0);
        """

    init(path: String) throws {
        self.path = path
        pool = try DatabasePool(path: path)  // WAL mode
        try pool.write { try $0.execute(sql: Self.schemaV2) }
    }

    /// Inserts or updates a session (an update rewrites revert and time_updated, as `/undo` does).
    func session(
        _ id: String, parent: String? = nil, directory: String = "/home/dev/proj", version: String = "2.0.26",
        revert: [String: Any]? = nil, created: Int64, updated: Int64? = nil
    ) throws {
        let revertJSON = try revert.map(Self.json)
        try pool.write { db in
            try db.execute(sql: """
                INSERT INTO session_v2 (id, project_id, parent_id, slug, directory, path, title, version, revert,
                    time_created, time_updated) VALUES (?, 'global', ?, 'neon-wizard', ?, '', 'A title', ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET revert = excluded.revert, time_updated = excluded.time_updated
                """, arguments: [id, parent, directory, version, revertJSON, created, updated ?? created])
        }
    }

    /// Inserts a row or rewrites it in place (same id: new `data` and `time_updated`).
    func message(
        _ id: String, session: String, type: String, seq: Int64, created: Int64, updated: Int64? = nil,
        data: [String: Any]
    ) throws {
        try raw(id, session: session, type: type, seq: seq, created: created, updated: updated, data: Self.json(data))
    }

    func raw(_ id: String, session: String, type: String, seq: Int64, created: Int64, updated: Int64? = nil, data: String) throws {
        try pool.write { db in
            try db.execute(sql: """
                INSERT INTO session_message (id, session_id, type, seq, time_created, time_updated, data)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET data = excluded.data, time_updated = excluded.time_updated
                """, arguments: [id, session, type, seq, created, updated ?? created, data])
        }
    }

    static func json(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    // MARK: - Row data (`data` as 2.0 writes it)

    static func user(_ text: String, at time: Int64) -> [String: Any] {
        ["time": ["created": time], "text": text, "files": [Any]()]
    }

    /// An assistant step; `completed` nil while it streams.
    static func assistant(
        agent: String = "build", content: [[String: Any]], at time: Int64, completed: Int64? = nil,
        finish: String? = nil, error: [String: Any]? = nil
    ) -> [String: Any] {
        var times: [String: Any] = ["created": time]
        if let completed { times["completed"] = completed }
        var data: [String: Any] = ["time": times, "agent": agent, "model": ["id": "m1", "providerID": "fake"], "content": content]
        if let finish { data["finish"] = finish }
        if let error { data["error"] = error }
        return data
    }

    static func text(_ text: String) -> [String: Any] { ["type": "text", "text": text] }

    static func tool(
        _ callID: String, _ name: String, status: String, input: Any, at time: Int64,
        metadata: [String: Any]? = nil, error: [String: Any]? = nil
    ) -> [String: Any] {
        var state: [String: Any] = ["status": status, "input": input]
        if status == "completed" { state["content"] = [["type": "text", "text": "ok"]] }
        if let metadata { state["metadata"] = metadata }
        if let error { state["error"] = error }
        var times: [String: Any] = ["created": time]
        if status == "completed" || status == "error" { times["completed"] = time + 5 }
        return ["type": "tool", "id": callID, "name": name, "state": state, "time": times]
    }
}
