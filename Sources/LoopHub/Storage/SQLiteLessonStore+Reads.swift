import Foundation
import GRDB
import LoopCore

extension SQLiteLessonStore {
    static let lessonColumns = "id, received_at, body, token_id, source, origin, artifact_name"

    public func lessons(_ query: LessonQuery) async throws -> Page<StoredLesson> {
        var filter = LessonFilterSQL(query, dialect: .sqlite)
        let limit = filter.placeholder(.integer(Int64(query.limit + 1)))
        let sql = "SELECT \(Self.lessonColumns) FROM lessons \(filter.whereClause) ORDER BY received_at, id LIMIT \(limit)"
        let arguments = StatementArguments(filter.values.map(\.grdb))
        // Rows are mapped inside the closure: `Row` is not Sendable, and a non-Sendable
        // result silently selects GRDB's *synchronous* read, which blocks a
        // concurrency thread (it stalled the hub under 16 concurrent readers).
        let lessons = try await pool.read { db in
            try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments).map(Self.storedLesson)
        }
        return Self.page(lessons, limit: query.limit) { PageCursor(receivedAtMillis: $0.receivedAt.millisecondsSince1970, id: $0.lesson.id) }
    }

    public func lesson(id: String) async throws -> StoredLesson? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.lessonColumns) FROM lessons WHERE id = ?", arguments: [id])
                .map(Self.storedLesson)
        }
    }

    public func artifactCounts(scope: [ArtifactGlob]?) async throws -> [ArtifactCount] {
        let filter = LessonFilterSQL(scope: scope, dialect: .sqlite)
        let sql = """
            SELECT artifact_kind, artifact_name, signal, COUNT(*) AS n FROM lessons \(filter.whereClause)
            GROUP BY artifact_kind, artifact_name, signal ORDER BY artifact_name, artifact_kind, signal
            """
        let arguments = StatementArguments(filter.values.map(\.grdb))
        return try await pool.read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                ArtifactCount(kind: row[0], name: row[1], signal: row[2], count: row[3])
            }
        }
    }

    public func quarantined(after: PageCursor?, limit: Int) async throws -> Page<QuarantineEntry> {
        var filter = LessonFilterSQL(after: after, dialect: .sqlite)
        let limitPlaceholder = filter.placeholder(.integer(Int64(limit + 1)))
        let sql = """
            SELECT id, received_at, token_id, source, rules, body, artifact_name FROM quarantine
            \(filter.whereClause) ORDER BY received_at, id LIMIT \(limitPlaceholder)
            """
        let arguments = StatementArguments(filter.values.map(\.grdb))
        let entries = try await pool.read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                try RowIntegrity.quarantineEntry(id: row[0], receivedAt: row[1], tokenID: row[2], source: row[3],
                                                 rules: row[4], body: row[5], artifactName: row[6])
            }
        }
        return Self.page(entries, limit: limit) { PageCursor(receivedAtMillis: $0.receivedAt.millisecondsSince1970, id: $0.id) }
    }

    public func totals() async throws -> (lessons: Int, quarantined: Int) {
        try await pool.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM lessons") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM quarantine") ?? 0)
        }
    }

    static func storedLesson(_ row: Row) throws -> StoredLesson {
        try RowIntegrity.lesson(id: row[0], artifactName: row[6], body: row[2], receivedAt: row[1], tokenID: row[3],
                                source: row[4], origin: row[5])
    }

    /// Rows were fetched with `limit + 1`: the extra row only says there is a next page.
    static func page<Item>(_ items: [Item], limit: Int, cursor: (Item) -> PageCursor) -> Page<Item> {
        guard items.count > limit else { return Page(items: items, next: nil) }
        let kept = Array(items.prefix(limit))
        return Page(items: kept, next: kept.last.map(cursor))
    }
}

extension SQLValue {
    var grdb: (any DatabaseValueConvertible)? {
        switch self {
        case .text(let text): text
        case .integer(let integer): integer
        }
    }
}
