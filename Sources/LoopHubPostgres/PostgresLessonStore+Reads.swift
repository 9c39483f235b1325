import Foundation
import LoopCore
import LoopHub
import PostgresNIO

extension PostgresLessonStore {
    public func lessons(_ query: LessonQuery) async throws -> Page<StoredLesson> {
        var filter = LessonFilterSQL(query, dialect: .postgres)
        let limit = filter.placeholder(.integer(Int64(query.limit + 1)))
        let sql = """
            SELECT id, received_at, body, token_id, source, origin, artifact_name FROM lessons \(filter.whereClause)
            ORDER BY received_at, id LIMIT \(limit)
            """
        let rows = try await client.query(Self.query(sql, filter.values), logger: logger)
        var lessons: [StoredLesson] = []
        for try await (id, receivedAt, body, tokenID, source, origin, artifact)
            in rows.decode((String, Int64, String, String, String, String?, String).self) {
            lessons.append(try RowIntegrity.lesson(id: id, artifactName: artifact, body: body, receivedAt: receivedAt,
                                                   tokenID: tokenID, source: source, origin: origin))
        }
        return Self.page(lessons, limit: query.limit) {
            PageCursor(receivedAtMillis: $0.receivedAt.millisecondsSince1970, id: $0.lesson.id)
        }
    }

    public func lesson(id: String) async throws -> StoredLesson? {
        let rows = try await client.query(
            "SELECT received_at, body, token_id, source, origin, artifact_name FROM lessons WHERE id = \(id)", logger: logger)
        for try await (receivedAt, body, tokenID, source, origin, artifact)
            in rows.decode((Int64, String, String, String, String?, String).self) {
            return try RowIntegrity.lesson(id: id, artifactName: artifact, body: body, receivedAt: receivedAt,
                                           tokenID: tokenID, source: source, origin: origin)
        }
        return nil
    }

    public func artifactCounts(scope: [ArtifactGlob]?) async throws -> [ArtifactCount] {
        let filter = LessonFilterSQL(scope: scope, dialect: .postgres)
        let sql = """
            SELECT artifact_kind, artifact_name, signal, COUNT(*) FROM lessons \(filter.whereClause)
            GROUP BY artifact_kind, artifact_name, signal ORDER BY artifact_name, artifact_kind, signal
            """
        var counts: [ArtifactCount] = []
        let rows = try await client.query(Self.query(sql, filter.values), logger: logger)
        for try await (kind, name, signal, count) in rows.decode((String, String, String, Int64).self) {
            counts.append(ArtifactCount(kind: kind, name: name, signal: signal, count: Int(count)))
        }
        return counts
    }

    public func quarantined(after: PageCursor?, limit: Int) async throws -> Page<QuarantineEntry> {
        var filter = LessonFilterSQL(after: after, dialect: .postgres)
        let limitPlaceholder = filter.placeholder(.integer(Int64(limit + 1)))
        let sql = """
            SELECT id, received_at, token_id, source, rules, body, artifact_name FROM quarantine
            \(filter.whereClause) ORDER BY received_at, id LIMIT \(limitPlaceholder)
            """
        var entries: [QuarantineEntry] = []
        let rows = try await client.query(Self.query(sql, filter.values), logger: logger)
        for try await (id, receivedAt, tokenID, source, rules, body, artifact)
            in rows.decode((String, Int64, String, String, String, String, String).self) {
            entries.append(try RowIntegrity.quarantineEntry(id: id, receivedAt: receivedAt, tokenID: tokenID, source: source,
                                                            rules: rules, body: body, artifactName: artifact))
        }
        return Self.page(entries, limit: limit) { PageCursor(receivedAtMillis: $0.receivedAt.millisecondsSince1970, id: $0.id) }
    }

    public func totals() async throws -> (lessons: Int, quarantined: Int) {
        let rows = try await client.query(
            "SELECT (SELECT COUNT(*) FROM lessons), (SELECT COUNT(*) FROM quarantine)", logger: logger)
        for try await (lessons, quarantined) in rows.decode((Int64, Int64).self) { return (Int(lessons), Int(quarantined)) }
        return (0, 0)
    }

    /// A query whose values are all bound (`$n`), never spliced.
    static func query(_ sql: String, _ values: [SQLValue]) -> PostgresQuery {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .text(let text): bindings.append(text)
            case .integer(let integer): bindings.append(integer)
            }
        }
        return PostgresQuery(unsafeSQL: sql, binds: bindings)
    }

    static func page<Item>(_ items: [Item], limit: Int, cursor: (Item) -> PageCursor) -> Page<Item> {
        guard items.count > limit else { return Page(items: items, next: nil) }
        let kept = Array(items.prefix(limit))
        return Page(items: kept, next: kept.last.map(cursor))
    }
}
