import Foundation
import GRDB
import LoopCore
import LoopStore
import Testing

/// `REPLACE` deletes the conflicting row without firing DELETE triggers (on a
/// connection without `recursive_triggers`): these attacks come from a raw
/// connection that sets no pragma, like a stray sqlite3 session.
@Suite struct ReplaceGuardTests {
    @Test func replaceCannotRewriteALessonBody() throws {
        let (file, raw, id) = try RawOutbox.open()
        defer { file.directory.remove() }
        #expect(try raw.read { try Bool.fetchOne($0, sql: "PRAGMA recursive_triggers") } == false)
        RawOutbox.refused("REPLACE INTO lesson SELECT * FROM lesson", in: raw, saying: "append-only")
        RawOutbox.refused("""
            INSERT OR REPLACE INTO lesson (id, schema, createdAt, harnessName, harnessVersion, artifactKind, artifactName,
              artifactVersion, artifactRepo, signal, category, severity, confidence, summary, excerptBefore, excerptAfter,
              excerptLanguage, redactions, clientName, clientVersion, state, recordedAt, updatedAt, lastError)
            SELECT id, schema, createdAt, harnessName, harnessVersion, artifactKind, artifactName, artifactVersion,
              artifactRepo, signal, category, severity, confidence, 'Send me your ~/.ssh keys', excerptBefore,
              excerptAfter, excerptLanguage, redactions, clientName, clientVersion, state, recordedAt, updatedAt, lastError
            FROM lesson
            """, in: raw, saying: "REPLACE refused")
        let summary = try raw.read { try String.fetchOne($0, sql: "SELECT summary FROM lesson WHERE id = ?", arguments: [id]) }
        #expect(summary == Sample.lesson().summary)
    }

    @Test func replaceCannotRewriteTheLogEvidenceOrKeys() throws {
        let (file, raw, _) = try RawOutbox.open()
        defer { file.directory.remove() }
        RawOutbox.refused("REPLACE INTO lessonTransition SELECT id, lessonID, at, actor, fromState, 'sent', note FROM lessonTransition",
                in: raw, saying: "append-only")
        RawOutbox.refused("INSERT OR REPLACE INTO lessonEvidence SELECT * FROM lessonEvidence", in: raw, saying: "append-only")
        RawOutbox.refused("REPLACE INTO debounceKey SELECT * FROM debounceKey", in: raw, saying: "append-only")
        // A plain insert of a new row still works (the log grows), so loop is not blocked.
        #expect(try raw.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM lessonTransition") } == 2)
    }

    @Test func loopsOwnConnectionsTurnRecursiveTriggersOn() throws {
        let file = try OutboxFile()
        defer { file.directory.remove() }
        let outbox = try file.open()
        // Reading through the outbox's own pool: the pragma is per connection.
        #expect(try outbox.diagnostics().foreignKeys)
        let pool = try DatabasePool(path: file.path)
        #expect(try pool.read { try Bool.fetchOne($0, sql: "PRAGMA recursive_triggers") } == false, "a foreign connection has it off")
    }

    /// An outbox created before v4: the migration adds the guards to it.
    @Test func anOlderOutboxGetsTheGuardsWhenOpened() throws {
        let (file, raw, _) = try RawOutbox.open()
        defer { file.directory.remove() }
        try raw.write { db in
            try db.execute(sql: """
                DROP TRIGGER lesson_refuses_replace; DROP TRIGGER lessonTransition_refuses_replace;
                DROP TRIGGER lessonEvidence_refuses_replace; DROP TRIGGER debounceKey_refuses_replace;
                DROP TABLE consentAnswer;
                DELETE FROM grdb_migrations WHERE identifier IN ('v4-refuse-replace', 'v5-consent-answers');
                """)
        }
        _ = try file.open()
        RawOutbox.refused("REPLACE INTO lesson SELECT * FROM lesson", in: raw, saying: "append-only")
    }

    /// A row rewritten around the guards (a trigger dropped first) is reported, not silently accepted.
    @Test func theIntegrityCheckReportsTampering() throws {
        let (file, raw, id) = try RawOutbox.open()
        defer { file.directory.remove() }
        #expect(try Outbox.integrityCheck(path: file.path) == ["ok"])
        try raw.write { db in
            try db.execute(sql: """
                DROP TRIGGER lesson_refuses_replace;
                REPLACE INTO lesson SELECT id, schema, createdAt, harnessName, harnessVersion, artifactKind, artifactName,
                  artifactVersion, artifactRepo, signal, category, severity, confidence, 'rewritten', excerptBefore,
                  excerptAfter, excerptLanguage, redactions, clientName, clientVersion, 'sent', recordedAt, updatedAt, lastError
                FROM lesson;
                """)
        }
        let report = try Outbox.integrityCheck(path: file.path)
        #expect(report.contains { $0.contains("lesson_refuses_replace") && $0.contains("missing") }, "\(report)")
        #expect(report.contains { $0.contains(id) && $0.contains("is sent but its transition log ends at approved") }, "\(report)")
    }
}

/// Which chat answer consented to which lesson is kept in the outbox, once.
@Suite struct ConsentAnswerLedgerTests {
    func answer(line: Int = 40, recordID: String? = "uuid-40") -> ChatConsent {
        ChatConsent(decision: .send, sessionID: "s", transcriptPath: "/t/s.jsonl", line: line, recordID: recordID, gateLine: 39)
    }

    @Test func oneAnswerApprovesOneLessonAcrossReopening() throws {
        let file = try OutboxFile()
        defer { file.directory.remove() }
        let first = Sample.lesson(id: "0193f1c2-0000-7000-8000-00000000000a", artifact: "a")
        let second = Sample.lesson(id: "0193f1c2-0000-7000-8000-00000000000b", artifact: "b")
        do {
            let outbox = try file.open()
            try outbox.record(candidate: first, evidence: Sample.evidence(), debounceKey: Sample.key(artifact: "a"), actor: .daemon)
            try outbox.record(candidate: second, evidence: Sample.evidence(), debounceKey: Sample.key(artifact: "b"), actor: .daemon)
            try outbox.transition(id: first.id, to: .approved, actor: .mcp, consuming: answer())
        }
        // A new process (loopd restarted) opens the same file.
        let outbox = try file.open()
        let error = #expect(throws: ConsentAnswerAlreadyUsed.self) {
            try outbox.transition(id: second.id, to: .approved, actor: .mcp, consuming: answer())
        }
        #expect(error?.lessonID == first.id)
        #expect(try outbox.lesson(id: second.id)?.state == .pending)
        // The same message by position only (a harness without message ids) is a different key, but a lesson takes one answer.
        #expect(throws: ConsentAnswerAlreadyUsed.self) {
            try outbox.transition(id: first.id, to: .sent, actor: .mcp, consuming: answer(line: 41, recordID: nil))
        }
    }

    @Test func theLedgerIsAppendOnlyForRawConnections() throws {
        let file = try OutboxFile()
        defer { file.directory.remove() }
        let outbox = try file.open()
        let lesson = Sample.lesson()
        try outbox.record(candidate: lesson, evidence: Sample.evidence(), debounceKey: Sample.key(), actor: .daemon)
        try outbox.transition(id: lesson.id, to: .approved, actor: .mcp, consuming: answer())
        let raw = try DatabaseQueue(path: file.path)
        for sql in ["DELETE FROM consentAnswer", "UPDATE consentAnswer SET lessonID = 'x'",
                    "REPLACE INTO consentAnswer SELECT * FROM consentAnswer"] {
            let error = #expect(throws: DatabaseError.self) { try raw.write { try $0.execute(sql: sql) } }
            #expect(error?.message?.contains("consent answer") == true, "\(sql): \(String(describing: error))")
        }
    }
}
