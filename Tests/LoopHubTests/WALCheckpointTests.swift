import Foundation
import LoopCore
import LoopTestSupport
import Testing
@testable import LoopHub

/// With SQLite's own checkpoints off, the hub's checkpointer still moves the
/// WAL back into the database file.
@Suite struct WALCheckpointTests {
    @Test func lessonsReachTheDatabaseFileWithoutAutocheckpoint() async throws {
        let directory = try TemporaryDirectory(prefix: "loophub-wal")
        defer { directory.remove() }
        let path = directory.appending("hub.sqlite3").path
        let store = try SQLiteLessonStore(path: path, durable: false, checkpointEvery: 10)
        try await store.migrate()
        let sizeBefore = Self.size(path)
        for _ in 0..<60 {
            let lesson = LessonFixtures.lesson(summary: String(repeating: "A long summary to fill pages. ", count: 60))
            _ = try await store.insert(StoredLesson(lesson: lesson, receivedAt: Date(), tokenID: "t", source: .v1))
        }
        let grew = await eventually(timeout: 10) { Self.size(path) > sizeBefore }
        #expect(grew, "checkpoints copied the lessons into \(path) (\(sizeBefore) → \(Self.size(path)) bytes)")
        let count = try await store.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM lessons") }
        #expect(count == 60)
        try await store.close()
    }

    static func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }
}
