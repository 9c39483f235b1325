import GRDB

extension Outbox {
    /// Refuses a newer schema, then applies the migrations this binary knows.
    func migrate() throws {
        do {
            try pool.read { db in try OutboxSchema.refuseNewerSchema(db, path: path) }
            do {
                try OutboxSchema.migrator.migrate(pool)
            } catch {
                // loopd and loopctl may create a fresh file at the same moment:
                // GRDB reads the applied list outside the migration transaction,
                // so the slower one fails on "table already exists". If the
                // other process completed the schema, there is nothing to do.
                let completed = try pool.read { try OutboxSchema.migrator.hasCompletedMigrations($0) }
                if !completed { throw error }
            }
        } catch let error as DatabaseError {
            throw Self.map(error, path: path)
        }
    }
}

/// What `loopctl doctor` and `status` show about the file itself.
public struct OutboxDiagnostics: Sendable, Equatable {
    public var path: String
    /// `wal` on a healthy outbox.
    public var journalMode: String
    /// SQLite's number: 2 is FULL.
    public var synchronous: Int
    public var foreignKeys: Bool
    public var appliedMigrations: [String]
    public var knownMigrations: [String]
}

extension Outbox {
    /// Reads the connection settings and migration state, as a reader connection sees them.
    public func diagnostics() throws -> OutboxDiagnostics {
        try read { db in
            OutboxDiagnostics(
                path: path,
                journalMode: try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "",
                synchronous: try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1,
                foreignKeys: try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") ?? false,
                appliedMigrations: try OutboxSchema.migrator.appliedIdentifiers(db).sorted(),
                knownMigrations: OutboxSchema.knownMigrations)
        }
    }
}
