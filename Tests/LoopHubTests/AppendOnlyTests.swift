import Foundation
import GRDB
import LoopTestSupport
@testable import LoopHub
import Testing

@Suite("Append-only, enforced by the database")
struct AppendOnlyTests {
    static let attempts = [
        "UPDATE lessons SET body = '{}'", "DELETE FROM lessons",
        "UPDATE quarantine SET body = '{}'", "DELETE FROM quarantine",
        "DELETE FROM tokens", "UPDATE tokens SET role = 'admin'",
    ]

    @Test("UPDATE and DELETE on stored rows are refused", arguments: StoreKind.allCases)
    func refused(kind: StoreKind) async throws {
        try await HubHarness.with(kind) { hub, client in
            let lesson = LessonFixtures.lesson()
            _ = try await client.post("/v1/lessons", token: hub.contributor, json: LessonFixtures.json(lesson))
            let leaked = LessonFixtures.lesson(summary: "token \(LessonFixtures.githubToken)")
            #expect(try await client.post("/v1/lessons", token: hub.contributor, json: LessonFixtures.json(leaked)).status == .accepted)
            for sql in Self.attempts {
                await #expect(throws: (any Error).self, "\(sql) must be refused") {
                    try await Self.execute(sql, on: hub.testStore.url, kind: kind)
                }
            }
            if kind == .postgres {
                await #expect(throws: (any Error).self) { try await Self.execute("TRUNCATE lessons", on: hub.testStore.url, kind: kind) }
            }
            #expect(try await hub.store.lesson(id: lesson.id)?.lesson == lesson)
            let totals = try await hub.store.totals()
            #expect(totals.lessons == 1 && totals.quarantined == 1)
            // Revoking (the one permitted change) still works, once.
            let id = TokenSecret.id(of: hub.contributor)!
            #expect(try await hub.store.revokeToken(id: id, at: Date()))
            #expect(try await !hub.store.revokeToken(id: id, at: Date()))
        }
    }

    static let lessonColumns = "id, received_at, created_at, artifact_kind, artifact_name, harness, signal, category, severity, body, token_id, source, origin"
    static let rewrittenLesson = "SELECT id, received_at, created_at, artifact_kind, artifact_name, harness, signal, category, severity, '{\"rewritten\":1}', token_id, source, origin FROM lessons"
    static let quarantineColumns = "id, received_at, token_id, source, rules, body, artifact_name"
    static let tokenColumns = "id, email, role, artifacts, salt, hash, created_at, expires_at, revoked_at"
    static let reactivatedToken = "SELECT id, email, role, artifacts, salt, hash, created_at, expires_at, NULL FROM tokens WHERE revoked_at IS NOT NULL"

    /// What an attacker holding the database file tried: replace a row instead of
    /// updating it. SQLite's REPLACE deletes the old row without firing DELETE
    /// triggers unless the connection set `recursive_triggers`, and theirs does not.
    static let sqliteReplacements = [
        "INSERT OR REPLACE INTO lessons (\(lessonColumns)) \(rewrittenLesson)",
        "REPLACE INTO lessons (\(lessonColumns)) \(rewrittenLesson)",
        "INSERT INTO lessons (\(lessonColumns)) \(rewrittenLesson) WHERE true ON CONFLICT(id) DO UPDATE SET body = excluded.body",
        "REPLACE INTO quarantine (\(quarantineColumns)) SELECT id, received_at, token_id, source, rules, '{\"plain\":1}', artifact_name FROM quarantine",
        "INSERT OR REPLACE INTO tokens (\(tokenColumns)) \(reactivatedToken)",
        "REPLACE INTO tokens (\(tokenColumns)) \(reactivatedToken)",
        "INSERT INTO tokens (\(tokenColumns)) \(reactivatedToken) ON CONFLICT(id) DO UPDATE SET revoked_at = NULL",
    ]

    /// PostgreSQL has no REPLACE; its upsert runs the UPDATE triggers.
    static let postgresReplacements = [
        "INSERT INTO lessons (\(lessonColumns)) \(rewrittenLesson) ON CONFLICT (id) DO UPDATE SET body = excluded.body",
        "INSERT INTO quarantine (\(quarantineColumns)) SELECT id, received_at, token_id, source, rules, '{\"plain\":1}', artifact_name FROM quarantine ON CONFLICT (id) DO UPDATE SET body = excluded.body",
        "INSERT INTO tokens (\(tokenColumns)) \(reactivatedToken) ON CONFLICT (id) DO UPDATE SET revoked_at = NULL",
    ]

    @Test("INSERT OR REPLACE, REPLACE INTO and upserts from another connection are refused", arguments: StoreKind.allCases)
    func replaceRefused(kind: StoreKind) async throws {
        try await HubHarness.with(kind) { hub, client in
            let lesson = LessonFixtures.lesson()
            #expect(try await client.post("/v1/lessons", token: hub.contributor, json: LessonFixtures.json(lesson)).status == .created)
            let leaked = LessonFixtures.lesson(summary: "token \(LessonFixtures.githubToken)")
            #expect(try await client.post("/v1/lessons", token: hub.contributor, json: LessonFixtures.json(leaked)).status == .accepted)
            let quarantinedBefore = try await hub.store.quarantined(after: nil, limit: 10).items
            let attempts = kind == .sqlite ? Self.sqliteReplacements : Self.postgresReplacements
            for sql in attempts {
                await #expect(throws: (any Error).self, "\(sql) must be refused") {
                    try await Self.execute(sql, on: hub.testStore.url, kind: kind)
                }
            }
            #expect(try await hub.store.lesson(id: lesson.id)?.lesson == lesson)
            #expect(try await hub.store.quarantined(after: nil, limit: 10).items == quarantinedBefore)
            #expect(try await hub.store.token(id: TokenSecret.id(of: hub.revoked)!)?.revokedAt != nil)
            #expect(try await client.post("/v1/lessons", token: hub.revoked, json: LessonFixtures.json(LessonFixtures.lesson())).status == .unauthorized)
            // The hub's own idempotent paths still work under the new triggers.
            #expect(try await client.post("/v1/lessons", token: hub.contributor, json: LessonFixtures.json(lesson)).status == .ok)
            var changed = lesson
            changed.summary = "Another body under the same id."
            #expect(try await client.post("/v1/lessons", token: hub.contributor, json: LessonFixtures.json(changed)).status == .conflict)
            #expect(try await client.post("/v1/lessons", token: hub.contributor, json: LessonFixtures.json(leaked)).status == .accepted)
        }
    }

    @Test("a database migrated before the refuse-replace triggers gets them on the next start")
    func replaceTriggersMigrated() async throws {
        let directory = try TemporaryDirectory(prefix: "loophub-v1")
        defer { directory.remove() }
        let path = directory.appending("hub.sqlite3").path
        // A database as the previous loophub left it: only the first migration.
        let first = try #require(SQLiteLessonStore.migrator.migrations.first)
        let queue = try DatabaseQueue(path: path)
        try SQLiteLessonStore.migrator.migrate(queue, upTo: first)
        try queue.close()
        let store = try SQLiteLessonStore(path: path)
        try await store.migrate()
        try await store.close()
        let check = try DatabaseQueue(path: path)
        let triggers = try await check.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%refuse_replace'")
        }
        #expect(Set(triggers) == ["lessons_refuse_replace", "quarantine_refuse_replace", "tokens_refuse_replace"])
        try check.close()
    }

    @Test("migrating twice is a no-op; a schema from a newer loophub is refused")
    func migrations() async throws {
        let testStore = try #require(try await StoreKind.sqlite.makeStore())
        try await testStore.store.migrate()
        let path = String(testStore.url.dropFirst("sqlite://".count))
        let queue = try DatabaseQueue(path: path)
        try await queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')") }
        try queue.close()
        await #expect(throws: StoreError.self) { try await SQLiteLessonStore(path: path).migrate() }
        await testStore.close()
    }

    static func execute(_ sql: String, on url: String, kind: StoreKind) async throws {
        switch kind {
        case .sqlite:
            // A connection of the attacker's own, with SQLite's default pragmas.
            let queue = try DatabaseQueue(path: String(url.dropFirst("sqlite://".count)))
            defer { try? queue.close() }
            try await queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA recursive_triggers = OFF")
                try db.execute(sql: sql)
            }
        case .postgres:
            try await PostgresTestServer.execute(sql, url: url)
        }
    }
}
