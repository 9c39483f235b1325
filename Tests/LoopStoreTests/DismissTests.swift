import Foundation
import GRDB
import LoopCore
@testable import LoopStore
import Testing

/// `dismissed`: an agent's false alarm, dropped before the user was asked.
@Suite struct DismissTests {
    private func outboxWithOneLesson() throws -> (OutboxFile, Outbox, String) {
        let file = try OutboxFile()
        let outbox = try file.open()
        let lesson = Sample.lesson()
        var evidence = Sample.evidence()
        evidence.agentClaim = "Done: the PRD follows the template."
        evidence.scoreExplanation = "score 2.0 ≥ 2.0: correction +2.0 (\"actually\")"
        try outbox.record(candidate: lesson, evidence: evidence, debounceKey: Sample.key(), actor: .daemon, at: Sample.t0)
        return (file, outbox, lesson.id)
    }

    @Test func theContextAnAgentJudgesByIsKeptWithTheEvidence() throws {
        let (file, outbox, id) = try outboxWithOneLesson()
        defer { file.directory.remove() }
        let evidence = try #require(try outbox.evidence(lessonID: id).first)
        #expect(evidence.agentClaim == "Done: the PRD follows the template.")
        #expect(evidence.scoreExplanation?.hasPrefix("score 2.0") == true)
    }

    @Test func dismissingIsLoggedWithTheAgentAndTheRedactedReason() throws {
        let (file, outbox, id) = try outboxWithOneLesson()
        defer { file.directory.remove() }
        let actions = LessonActions(outbox: outbox, redactor: Redactor())
        try actions.dismiss(
            id: id, kind: .notADefect, reason: "The template was right;\nkey AKIAZ3MHQWERTYUIOP23 is unrelated.",
            actor: .mcp, at: Sample.t0 + 5)
        let stored = try #require(try outbox.lesson(id: id))
        #expect(stored.state == .dismissed)
        let last = try #require(try outbox.transitions(lessonID: id).last)
        #expect(last.actor == .mcp && last.from == .pending && last.to == .dismissed && last.at == Sample.t0 + 5)
        #expect(last.note == "dismissed (not-a-defect): The template was right; key <secret:aws> is unrelated.")
        #expect(try outbox.evidence(lessonID: id).isEmpty, "a final lesson forgets its evidence")
        #expect(try outbox.counts()[.dismissed] == 1)
        #expect(try outbox.lessons(state: .dismissed).map(\.id) == [id])
        #expect(try Outbox.integrityCheck(path: file.path) == ["ok"])
    }

    @Test func aDismissedLessonIsNeverSendable() throws {
        let (file, outbox, id) = try outboxWithOneLesson()
        defer { file.directory.remove() }
        let actions = LessonActions(outbox: outbox, redactor: Redactor())
        try actions.dismiss(id: id, kind: .usersChangeOfMind, reason: "a new requirement", actor: .mcp)
        #expect(try outbox.dueForSending(at: Sample.t0 + 86_400 * 365).isEmpty)
        #expect(throws: OutboxError.invalidTransition(id: id, from: .dismissed, to: .approved)) {
            try actions.approve(id: id, actor: .cli)
        }
        #expect(throws: OutboxError.invalidTransition(id: id, from: .dismissed, to: .sent)) {
            try outbox.transition(id: id, to: .sent, actor: .daemon)
        }
        // A sender that finds it anyway records nothing.
        try actions.recordDelivery(id: id, outcome: .sent(duplicate: false), actor: .daemon, unit: 0.5)
        #expect(try outbox.lesson(id: id)?.state == .dismissed)
    }

    @Test func onlyAPendingLessonCanBeDismissed() throws {
        let (file, outbox, id) = try outboxWithOneLesson()
        defer { file.directory.remove() }
        let actions = LessonActions(outbox: outbox, redactor: Redactor())
        try actions.approve(id: id, actor: .cli)
        #expect(throws: OutboxError.invalidTransition(id: id, from: .approved, to: .dismissed)) {
            try actions.dismiss(id: id, kind: .notThisArtifact, reason: "another skill", actor: .mcp)
        }
        #expect(try outbox.lesson(id: id)?.state == .approved)
        #expect(LessonState.pending.canMove(to: .dismissed))
        #expect(LessonState.dismissed.isFinal)
        #expect(LessonState.allCases.filter { $0.canMove(to: .dismissed) } == [.pending])
    }

    /// An outbox made by a binary before v6: its lessons, history and guards survive the rebuild.
    @Test func anOlderOutboxIsMigratedWithItsGuards() throws {
        let file = try OutboxFile()
        defer { file.directory.remove() }
        try FileManager.default.createDirectory(
            atPath: (file.path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let old = try DatabaseQueue(path: file.path)
        try OutboxSchema.migrator.migrate(old, upTo: "v5-consent-answers")
        let id = "0193f1c2-0000-7000-8000-0000000000aa"
        try old.write { db in
            try db.execute(sql: """
                INSERT INTO lesson VALUES (?, 'loop.lesson/v1', '2026-11-22T10:15:30.123Z', 'claude-code', NULL,
                  'skill', 'prd-writer', NULL, NULL, 'hand-edit', 'wrong-output', 'medium', 0.9, 'old summary',
                  'a', 'b', NULL, '{}', 'loopd', '0.1.0', 'pending', '2026-11-22 10:15:30.000', '2026-11-22 10:15:30.000', NULL);
                INSERT INTO lessonTransition (lessonID, at, actor, fromState, toState, note)
                VALUES (?, '2026-11-22 10:15:30.000', 'daemon', NULL, 'pending', 'recorded');
                INSERT INTO lessonEvidence (lessonID, signal, sessionID, transcriptPath, line, byteOffset, beforeText,
                  afterText, note, observedAt)
                VALUES (?, 'hand-edit', 's', '/t/s.jsonl', 1, 0, 'a', 'b', 'user rewrote it', '2026-11-22 10:15:30.000');
                """, arguments: [id, id, id])
        }
        try old.close()

        let outbox = try file.open()
        #expect(try outbox.diagnostics().appliedMigrations.contains("v6-dismissed"))
        #expect(try outbox.lesson(id: id)?.lesson.summary == "old summary")
        #expect(try outbox.evidence(lessonID: id).first?.agentClaim == nil)
        #expect(try Outbox.integrityCheck(path: file.path) == ["ok"])
        let raw = try DatabaseQueue(path: file.path)
        #expect(throws: DatabaseError.self) { try raw.write { try $0.execute(sql: "DELETE FROM lesson") } }
        #expect(throws: DatabaseError.self) {
            try raw.write { try $0.execute(sql: "UPDATE lesson SET state = 'dismissed'") }
        }
        #expect(throws: DatabaseError.self) { try raw.write { try $0.execute(sql: "DELETE FROM lessonEvidence") } }
        try raw.close()
        try LessonActions(outbox: outbox, redactor: Redactor())
            .dismiss(id: id, kind: .notADefect, reason: "fine as it was", actor: .mcp)
        #expect(try outbox.lesson(id: id)?.state == .dismissed)
        #expect(try outbox.transitions(lessonID: id).map(\.to) == [.pending, .dismissed])
    }
}
