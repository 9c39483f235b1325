import Foundation
import GRDB
import LoopCore
import LoopStore
import Testing

/// The history guarantees hold against raw SQL, not only through the store API.
@Suite struct AppendOnlyTests {
    @Test func theTransitionLogRefusesUpdateAndDelete() throws {
        let (file, raw, _) = try RawOutbox.open()
        defer { file.directory.remove() }
        RawOutbox.refused("UPDATE lessonTransition SET toState = 'sent'", in: raw, saying: "append-only")
        RawOutbox.refused("DELETE FROM lessonTransition", in: raw, saying: "append-only")
        #expect(try raw.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM lessonTransition") } == 2)
    }

    @Test func evidenceRefusesUpdateAndDelete() throws {
        let (file, raw, _) = try RawOutbox.open()
        defer { file.directory.remove() }
        RawOutbox.refused("UPDATE lessonEvidence SET afterText = 'x'", in: raw, saying: "append-only")
        RawOutbox.refused("DELETE FROM lessonEvidence", in: raw, saying: "append-only")
    }

    @Test func lessonsAreNeverDeletedNorTheirIdentityRewritten() throws {
        let (file, raw, _) = try RawOutbox.open()
        defer { file.directory.remove() }
        RawOutbox.refused("DELETE FROM lesson", in: raw, saying: "never deleted")
        RawOutbox.refused("UPDATE lesson SET artifactName = 'other'", in: raw, saying: "immutable")
        RawOutbox.refused("UPDATE lesson SET id = 'other'", in: raw, saying: "immutable")
    }

    @Test func stateAndContentChangeOnlyWithALogEntry() throws {
        let (file, raw, _) = try RawOutbox.open()
        defer { file.directory.remove() }
        RawOutbox.refused("UPDATE lesson SET state = 'sent'", in: raw, saying: "transition log entry")
        RawOutbox.refused("UPDATE lesson SET summary = 'rewritten'", in: raw, saying: "transition log entry")
    }
}
