import Foundation
public import Logging
public import LoopHub
import LoopCore
import PostgresNIO

/// The team store: PostgreSQL through a PostgresNIO connection pool. Same schema
/// shape as SQLite; append-only is enforced by triggers that raise on UPDATE,
/// DELETE and TRUNCATE of lessons and quarantine.
public final class PostgresLessonStore: LessonStore {
    let client: PostgresClient
    let logger: Logger
    /// Runs the pool's background work. Started here rather than in a Service
    /// because the CLI's token commands use the store without any service group;
    /// `close()` cancels it, so it never outlives the store.
    private let runner: Task<Void, Never>

    /// - Parameter url: `postgres://user:password@host:port/database` (TLS off: loophub
    ///   expects a local or private-network server; put TLS in front otherwise).
    public init(url: String, logger: Logger) throws {
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty else {
            throw StoreError.unsupportedURL("postgres URL without a host")
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        var configuration = PostgresClient.Configuration(
            host: host, port: components.port ?? 5432, username: components.user ?? "postgres",
            password: components.password?.removingPercentEncoding, database: database.isEmpty ? nil : database, tls: .disable)
        configuration.options.maximumConnections = 16
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        self.logger = logger
        runner = Task { await client.run() }
    }

    public func close() async throws {
        runner.cancel()
        await runner.value
    }

    public func insert(_ stored: StoredLesson) async throws -> InsertOutcome {
        let lesson = stored.lesson
        return try await client.withTransaction(logger: logger) { connection in
            // Serialises submissions of one id across both tables.
            try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(lesson.id)))", logger: logger)
            if try await Self.firstText(connection.query("SELECT body FROM quarantine WHERE id = \(lesson.id)", logger: logger)) != nil {
                return .conflict
            }
            let inserted = try await connection.query("""
                INSERT INTO lessons (id, received_at, created_at, artifact_kind, artifact_name, harness, signal,
                  category, severity, body, token_id, source, origin)
                VALUES (\(lesson.id), \(stored.receivedAt.millisecondsSince1970), \(lesson.createdAt),
                  \(lesson.artifact.kind.rawValue), \(lesson.artifact.name), \(lesson.harness.name), \(lesson.signal.rawValue),
                  \(lesson.category.rawValue), \(lesson.severity.rawValue), \(stored.body), \(stored.tokenID),
                  \(stored.source.rawValue), \(stored.origin))
                ON CONFLICT (id) DO NOTHING RETURNING id
                """, logger: logger)
            if try await Self.firstText(inserted) != nil { return .stored }
            let existing = try await Self.firstText(connection.query("SELECT body FROM lessons WHERE id = \(lesson.id)", logger: logger))
            return existing == stored.body ? .duplicate : .conflict
        }
    }

    public func quarantine(_ entry: QuarantineEntry) async throws -> InsertOutcome {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(entry.id)))", logger: logger)
            if try await Self.firstText(connection.query("SELECT id FROM lessons WHERE id = \(entry.id)", logger: logger)) != nil {
                return .conflict
            }
            if let existing = try await Self.firstText(connection.query("SELECT body FROM quarantine WHERE id = \(entry.id)", logger: logger)) {
                return existing == entry.redactedBody ? .duplicate : .conflict
            }
            try await connection.query("""
                INSERT INTO quarantine (id, received_at, token_id, source, rules, body, artifact_name)
                VALUES (\(entry.id), \(entry.receivedAt.millisecondsSince1970), \(entry.tokenID), \(entry.source.rawValue),
                  \(CanonicalJSON.string(entry.rules)), \(entry.redactedBody), \(entry.artifactName))
                """, logger: logger)
            return .stored
        }
    }

    static func firstText(_ rows: PostgresRowSequence) async throws -> String? {
        for try await row in rows { return try row.decode(String.self) }
        return nil
    }
}
