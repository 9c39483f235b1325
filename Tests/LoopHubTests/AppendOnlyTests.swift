import Foundation
import GRDB
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
            let queue = try DatabaseQueue(path: String(url.dropFirst("sqlite://".count)))
            try await queue.write { try $0.execute(sql: sql) }
        case .postgres:
            try await PostgresTestServer.execute(sql, url: url)
        }
    }
}
