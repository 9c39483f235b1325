import Foundation
import LoopCore
import LoopStore
import Testing

@Suite struct TransitionTests {
    private func outboxWithOneLesson() throws -> (OutboxFile, Outbox, String) {
        let file = try OutboxFile()
        let outbox = try file.open()
        let lesson = Sample.lesson()
        try outbox.record(candidate: lesson, evidence: Sample.evidence(), debounceKey: Sample.key(), actor: .daemon,
                          at: Sample.t0)
        return (file, outbox, lesson.id)
    }

    @Test func allowedMovesAreAppliedAndLogged() throws {
        let (file, outbox, id) = try outboxWithOneLesson()
        defer { file.directory.remove() }

        try outbox.transition(id: id, to: .approved, actor: .cli, note: "user pressed S", at: Sample.t0 + 1)
        try outbox.transition(id: id, to: .failed, actor: .daemon, note: "hub unreachable", at: Sample.t0 + 2)
        #expect(try outbox.lesson(id: id)?.lastError == "hub unreachable")
        try outbox.transition(id: id, to: .sent, actor: .daemon, at: Sample.t0 + 3)

        let stored = try #require(try outbox.lesson(id: id))
        #expect(stored.state == .sent)
        #expect(stored.lastError == nil)
        #expect(stored.updatedAt == Sample.t0 + 3)
        let log = try outbox.transitions(lessonID: id)
        #expect(log.map(\.to) == [.pending, .approved, .failed, .sent])
        #expect(log.map(\.from) == [nil, .pending, .approved, .failed])
        #expect(log.map(\.actor) == [.daemon, .cli, .daemon, .daemon])
        #expect(log[1].note == "user pressed S")
    }

    @Test func refusedMovesThrowAndChangeNothing() throws {
        let (file, outbox, id) = try outboxWithOneLesson()
        defer { file.directory.remove() }

        // Skipping consent is the move that matters most.
        #expect(throws: OutboxError.invalidTransition(id: id, from: .pending, to: .sent)) {
            try outbox.transition(id: id, to: .sent, actor: .mcp)
        }
        try outbox.transition(id: id, to: .declined, actor: .cli)
        #expect(throws: OutboxError.invalidTransition(id: id, from: .declined, to: .approved)) {
            try outbox.transition(id: id, to: .approved, actor: .cli)
        }
        #expect(try outbox.lesson(id: id)?.state == .declined)
        #expect(try outbox.transitions(lessonID: id).count == 2)
    }

    @Test func anUnknownLessonIsAClearError() throws {
        let (file, outbox, _) = try outboxWithOneLesson()
        defer { file.directory.remove() }
        #expect(throws: OutboxError.lessonNotFound(id: "nope")) {
            try outbox.transition(id: "nope", to: .approved, actor: .cli)
        }
        #expect(OutboxError.lessonNotFound(id: "nope").description == "no lesson with id nope")
    }
}
