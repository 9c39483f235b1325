import Foundation
import GRDB
import LoopCore
import LoopStore
import Testing

/// The history guarantees hold against raw SQL, not only through the store API.
@Suite struct AppendOnlyTests {
    private func rawOutbox() throws -> (OutboxFile, DatabaseQueue, String) {
        let file = try OutboxFile()
        let outbox = try file.open()
        let lesson = Sample.lesson()
        try outbox.record(candidate: lesson, evidence: Sample.evidence(), debounceKey: Sample.key(), actor: .daemon)
        try outbox.transition(id: lesson.id, to: .approved, actor: .cli)
        return (file, try DatabaseQueue(path: file.path), lesson.id)
    }

    private func refused(_ sql: String, in raw: DatabaseQueue, saying message: String) {
        let error = #expect(throws: DatabaseError.self) { try raw.write { try $0.execute(sql: sql) } }
        #expect(error?.message?.contains(message) == true, "\(sql): \(String(describing: error))")
    }

    @Test func theTransitionLogRefusesUpdateAndDelete() throws {
        let (file, raw, _) = try rawOutbox()
        defer { file.directory.remove() }
        refused("UPDATE lessonTransition SET toState = 'sent'", in: raw, saying: "append-only")
        refused("DELETE FROM lessonTransition", in: raw, saying: "append-only")
        #expect(try raw.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM lessonTransition") } == 2)
    }

    @Test func evidenceRefusesUpdateAndDelete() throws {
        let (file, raw, _) = try rawOutbox()
        defer { file.directory.remove() }
        refused("UPDATE lessonEvidence SET afterText = 'x'", in: raw, saying: "append-only")
        refused("DELETE FROM lessonEvidence", in: raw, saying: "append-only")
    }

    @Test func lessonsAreNeverDeletedNorTheirIdentityRewritten() throws {
        let (file, raw, _) = try rawOutbox()
        defer { file.directory.remove() }
        refused("DELETE FROM lesson", in: raw, saying: "never deleted")
        refused("UPDATE lesson SET artifactName = 'other'", in: raw, saying: "immutable")
        refused("UPDATE lesson SET id = 'other'", in: raw, saying: "immutable")
    }

    @Test func stateAndContentChangeOnlyWithALogEntry() throws {
        let (file, raw, _) = try rawOutbox()
        defer { file.directory.remove() }
        refused("UPDATE lesson SET state = 'sent'", in: raw, saying: "transition log entry")
        refused("UPDATE lesson SET summary = 'rewritten'", in: raw, saying: "transition log entry")
    }
}
