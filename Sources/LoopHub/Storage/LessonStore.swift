import Foundation

/// The hub's storage seam: SQLite (`SQLiteLessonStore`) and PostgreSQL
/// (`PostgresLessonStore`) implement it, and one API test suite runs against both.
///
/// Contract: lessons and quarantine entries are append-only — the database itself
/// refuses UPDATE and DELETE on them. Inserts are idempotent on the lesson id
/// across both tables. Every method may throw a database error; callers answer 503.
public protocol LessonStore: Sendable {
    /// Creates or upgrades the schema. Safe to call on every start.
    func migrate() async throws

    /// Stores a lesson unless its id is already taken (in lessons or quarantine).
    func insert(_ lesson: StoredLesson) async throws -> InsertOutcome
    /// Stores a quarantined submission unless its id is already taken; a replay with
    /// the same redacted body is a `.duplicate`.
    func quarantine(_ entry: QuarantineEntry) async throws -> InsertOutcome

    func lessons(_ query: LessonQuery) async throws -> Page<StoredLesson>
    func lesson(id: String) async throws -> StoredLesson?
    /// Lesson counts per artifact and signal, restricted to `scope` (nil = all).
    func artifactCounts(scope: [ArtifactGlob]?) async throws -> [ArtifactCount]
    func quarantined(after: PageCursor?, limit: Int) async throws -> Page<QuarantineEntry>
    /// Row counts for /metrics.
    func totals() async throws -> (lessons: Int, quarantined: Int)

    func insertToken(_ token: TokenRecord) async throws
    func token(id: String) async throws -> TokenRecord?
    func tokens() async throws -> [TokenRecord]
    /// Marks a token revoked; false when there is no such token or it was already revoked.
    func revokeToken(id: String, at date: Date) async throws -> Bool

    /// Releases connections. The store is unusable afterwards.
    func close() async throws
}
