import Foundation
import LoopCore
import LoopStore
import Testing

@Suite struct RecordingTests {
    @Test func aNewCandidateIsCreatedPendingWithItsEvidenceKeyAndLog() throws {
        let file = try OutboxFile()
        defer { file.directory.remove() }
        let outbox = try file.open()
        let lesson = Sample.lesson()

        let result = try outbox.record(candidate: lesson, evidence: Sample.evidence(), debounceKey: Sample.key(),
                                       actor: .daemon, at: Sample.t0)

        #expect(result == .created(id: lesson.id))
        let stored = try #require(try outbox.lesson(id: lesson.id))
        #expect(stored.lesson == lesson)
        #expect(stored.state == .pending)
        #expect(stored.updatedAt == Sample.t0)
        #expect(stored.lastError == nil)
        #expect(try outbox.evidence(lessonID: lesson.id) == [Sample.evidence()])
        #expect(try outbox.debounceExists(Sample.key()))
        #expect(try outbox.lessonID(for: Sample.key()) == lesson.id)
        #expect(try outbox.debounceKeys().map(\.key) == [Sample.key()])
        let log = try outbox.transitions(lessonID: lesson.id)
        #expect(log.count == 1)
        #expect(log.first?.from == nil)
        #expect(log.first?.to == .pending)
        #expect(log.first?.actor == .daemon)
        #expect(log.first?.at == Sample.t0)
    }

    @Test func laterEvidenceWithTheSameKeyIsFoldedAndRaisesSeverity() throws {
        let file = try OutboxFile()
        defer { file.directory.remove() }
        let outbox = try file.open()
        let first = Sample.lesson(severity: .medium)
        try outbox.record(candidate: first, evidence: Sample.evidence(), debounceKey: Sample.key(), actor: .daemon,
                          at: Sample.t0)

        let second = Sample.lesson(id: "0193f1c2-0000-7000-8000-000000000002", severity: .low)
        let later = Sample.evidence(line: 40, after: "## Metrics", signal: .chatCorrection)
        let result = try outbox.record(candidate: second, evidence: later, debounceKey: Sample.key(), actor: .daemon,
                                       at: Sample.t0.addingTimeInterval(60))

        #expect(result == .folded(into: first.id))
        #expect(try outbox.lessons().map(\.id) == [first.id])
        let stored = try #require(try outbox.lesson(id: first.id))
        #expect(stored.lesson.severity == .high)
        #expect(stored.updatedAt == Sample.t0.addingTimeInterval(60))
        #expect(try outbox.evidence(lessonID: first.id) == [Sample.evidence(), later])
        let log = try outbox.transitions(lessonID: first.id)
        #expect(log.count == 2)
        #expect(log.last?.from == .pending)
        #expect(log.last?.to == .pending)
        #expect(log.last?.note?.hasPrefix("folded evidence: chat-correction") == true)
    }

    @Test func foldingIntoADecidedLessonKeepsItsSeverity() throws {
        let file = try OutboxFile()
        defer { file.directory.remove() }
        let outbox = try file.open()
        let lesson = Sample.lesson(severity: .low)
        try outbox.record(candidate: lesson, evidence: Sample.evidence(), debounceKey: Sample.key(), actor: .daemon)
        try outbox.transition(id: lesson.id, to: .declined, actor: .cli)

        let result = try outbox.record(candidate: Sample.lesson(id: "other"), evidence: Sample.evidence(line: 99),
                                       debounceKey: Sample.key(), actor: .daemon)

        #expect(result == .folded(into: lesson.id))
        let stored = try #require(try outbox.lesson(id: lesson.id))
        #expect(stored.lesson.severity == .low)
        #expect(stored.state == .declined)
        #expect(try outbox.evidence(lessonID: lesson.id).count == 2)
    }

    @Test func theSameLessonIDTwiceIsStoredOnce() throws {
        let file = try OutboxFile()
        defer { file.directory.remove() }
        let outbox = try file.open()
        let lesson = Sample.lesson()
        try outbox.record(candidate: lesson, evidence: Sample.evidence(), debounceKey: Sample.key(), actor: .daemon)

        // Even under another key: the id is the idempotency key end to end.
        let again = try outbox.record(candidate: lesson, evidence: Sample.evidence(line: 50),
                                      debounceKey: Sample.key(session: "session-2"), actor: .mcp)

        #expect(again == .alreadyRecorded(id: lesson.id))
        #expect(try outbox.lessons().count == 1)
        #expect(try outbox.evidence(lessonID: lesson.id).count == 1)
        #expect(try outbox.transitions(lessonID: lesson.id).count == 1)
        #expect(try !outbox.debounceExists(Sample.key(session: "session-2")))
    }

    @Test func replayingTheSameObservationFoldsNothing() throws {
        let file = try OutboxFile()
        defer { file.directory.remove() }
        let outbox = try file.open()
        let lesson = Sample.lesson(severity: .low)
        try outbox.record(candidate: lesson, evidence: Sample.evidence(), debounceKey: Sample.key(), actor: .daemon)

        let replay = try outbox.record(candidate: Sample.lesson(id: "new-id"), evidence: Sample.evidence(),
                                       debounceKey: Sample.key(), actor: .daemon)

        #expect(replay == .alreadyRecorded(id: lesson.id))
        #expect(try outbox.lesson(id: lesson.id)?.lesson.severity == .low)
        #expect(try outbox.evidence(lessonID: lesson.id).count == 1)
    }

    @Test func listingIsNewestFirstFilteredAndCounted() throws {
        let file = try OutboxFile()
        defer { file.directory.remove() }
        let outbox = try file.open()
        for n in 1...3 {
            try outbox.record(
                candidate: Sample.lesson(id: "0193-\(n)", createdAt: "2026-11-22T10:15:3\(n).000Z"),
                evidence: Sample.evidence(), debounceKey: Sample.key(session: "s\(n)"), actor: .daemon)
        }
        try outbox.transition(id: "0193-2", to: .approved, actor: .cli)

        #expect(try outbox.lessons().map(\.id) == ["0193-3", "0193-2", "0193-1"])
        #expect(try outbox.lessons(limit: 1).map(\.id) == ["0193-3"])
        #expect(try outbox.lessons(state: .pending).map(\.id) == ["0193-3", "0193-1"])
        let counts = try outbox.counts()
        #expect(counts[.pending] == 2)
        #expect(counts[.approved] == 1)
        #expect(counts[.sent] == 0)
        #expect(counts.count == LessonState.allCases.count)
    }

    @Test func idPrefixFindsOneLessonOrSaysWhyNot() throws {
        let file = try OutboxFile()
        defer { file.directory.remove() }
        let outbox = try file.open()
        for (n, id) in ["abc111", "abc222", "a_c333"].enumerated() {
            try outbox.record(candidate: Sample.lesson(id: id), evidence: Sample.evidence(),
                              debounceKey: Sample.key(session: "s\(n)"), actor: .daemon)
        }

        #expect(try outbox.lesson(idPrefix: "abc1").id == "abc111")
        #expect(try outbox.lesson(idPrefix: "a_c").id == "a_c333")  // `_` is not a wildcard
        #expect(throws: OutboxError.ambiguousIDPrefix(prefix: "abc", matches: ["abc222", "abc111"])) {
            try outbox.lesson(idPrefix: "abc")
        }
        #expect(throws: OutboxError.lessonNotFound(id: "zzz")) { try outbox.lesson(idPrefix: "zzz") }
        #expect(throws: OutboxError.emptyIDPrefix) { try outbox.lesson(idPrefix: "") }
    }
}
