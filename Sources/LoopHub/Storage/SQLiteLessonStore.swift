import Foundation
import GRDB
import LoopCore

/// The default store: one SQLite file in WAL mode through a GRDB `DatabasePool`
/// (one writer, parallel readers).
///
/// Durability trade-off: `synchronous=NORMAL`. A committed lesson survives a crash
/// or `kill -9` of loophub; a power loss may lose the last transactions (about
/// 10× faster than FULL, prior-art.md). Clients retry until they get 2xx, and
/// idempotency on `id` makes the retry safe. `--durable` selects FULL.
public final class SQLiteLessonStore: LessonStore {
    // A final class only to hold the pool; the pool is Sendable and immutable here.
    let pool: DatabasePool
    let checkpointer: WALCheckpointer

    /// Opens (creating when missing) the database at `path`.
    public convenience init(path: String, durable: Bool = false) throws {
        try self.init(path: path, durable: durable, checkpointEvery: 1_000)
    }

    /// - Parameter checkpointEvery: lesson writes between two WAL checkpoints (WALCheckpointer).
    init(path: String, durable: Bool, checkpointEvery: Int) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        // Reads run in parallel in WAL mode; GRDB's default of 5 readers queues the
        // read-back of a busy hub behind each other.
        configuration.maximumReaderCount = 16
        configuration.prepareDatabase { db in
            try db.execute(sql: durable ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL")
            // Checkpoints run beside the writer (WALCheckpointer.swift), not inside a request's commit.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
            // A REPLACE conflict then fires the DELETE triggers too; the BEFORE INSERT
            // triggers (migration v2-refuse-replace) do not depend on it.
            try db.execute(sql: "PRAGMA recursive_triggers = ON")
        }
        pool = try DatabasePool(path: path, configuration: configuration)
        checkpointer = try WALCheckpointer(path: path, interval: checkpointEvery)
    }

    public func migrate() async throws {
        // An older loophub must not write into a schema a newer one created.
        let applied = try await pool.read { db in try Self.migrator.appliedIdentifiers(db) }
        guard Set(applied).isSubset(of: Self.migrator.migrations) else { throw StoreError.newerSchema }
        try Self.migrator.migrate(pool)
    }

    public func close() async throws {
        try await checkpointer.close()
        try pool.close()
    }

    public func insert(_ stored: StoredLesson) async throws -> InsertOutcome {
        let lesson = stored.lesson
        defer { checkpointer.committed() }
        return try await pool.write { db in
            if try Self.quarantinedBody(db, id: lesson.id) != nil { return .conflict }
            // Look first: the refuse-replace trigger aborts any insert of an existing id,
            // so `ON CONFLICT DO NOTHING` would no longer mean "duplicate". The pool's one
            // writer makes the look and the insert atomic.
            if let existing = try String.fetchOne(db.cachedStatement(sql: "SELECT body FROM lessons WHERE id = ?"),
                                                  arguments: [lesson.id]) {
                return existing == stored.body ? .duplicate : .conflict
            }
            let statement = try db.cachedStatement(sql: """
                INSERT INTO lessons (id, received_at, created_at, artifact_kind, artifact_name, harness, signal,
                  category, severity, body, token_id, source, origin)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            try statement.execute(arguments: [
                lesson.id, stored.receivedAt.millisecondsSince1970, lesson.createdAt, lesson.artifact.kind.rawValue,
                lesson.artifact.name, lesson.harness.name, lesson.signal.rawValue, lesson.category.rawValue,
                lesson.severity.rawValue, stored.body, stored.tokenID, stored.source.rawValue, stored.origin,
            ])
            return .stored
        }
    }

    public func quarantine(_ entry: QuarantineEntry) async throws -> InsertOutcome {
        defer { checkpointer.committed() }
        return try await pool.write { db in
            if try String.fetchOne(db, sql: "SELECT 1 FROM lessons WHERE id = ?", arguments: [entry.id]) != nil {
                return .conflict
            }
            if let existing = try Self.quarantinedBody(db, id: entry.id) {
                return existing == entry.redactedBody ? .duplicate : .conflict
            }
            try db.execute(sql: """
                INSERT INTO quarantine (id, received_at, token_id, source, rules, body, artifact_name)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [entry.id, entry.receivedAt.millisecondsSince1970, entry.tokenID, entry.source.rawValue,
                                 CanonicalJSON.string(entry.rules), entry.redactedBody, entry.artifactName])
            return .stored
        }
    }

    static func quarantinedBody(_ db: Database, id: String) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT body FROM quarantine WHERE id = ?"), arguments: [id])
    }
}
