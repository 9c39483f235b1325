import Foundation
import GRDB
import LoopCore
import LoopStore
import Testing

@Suite("Outbox: consent and delivery bookkeeping")
struct DeliveryTests {
    func approvedLesson() throws -> (OutboxFile, LessonActions, String) {
        let file = try OutboxFile()
        let outbox = try file.open()
        try outbox.record(candidate: Sample.lesson(), evidence: Sample.evidence(), debounceKey: Sample.key(), actor: .daemon, at: Sample.t0)
        let actions = LessonActions(outbox: outbox, redactor: Redactor())
        try actions.approve(id: Sample.lesson().id, actor: .cli, at: Sample.t0)
        return (file, actions, Sample.lesson().id)
    }

    @Test func sentLessonForgetsItsEvidence() throws {
        let (file, actions, id) = try approvedLesson()
        defer { file.directory.remove() }
        #expect(try actions.outbox.evidence(lessonID: id).count == 1)
        try actions.recordDelivery(id: id, outcome: .sent(duplicate: false), actor: .daemon, unit: 0.5)
        #expect(try actions.outbox.lesson(id: id)?.state == .sent)
        #expect(try actions.outbox.evidence(lessonID: id).isEmpty, "only what the user saw is kept")
        #expect(try actions.outbox.lesson(id: id)?.lesson.summary == Sample.lesson().summary)
    }

    @Test func evidenceOfAnUndecidedLessonCannotBeDeleted() throws {
        let file = try OutboxFile()
        defer { file.directory.remove() }
        let outbox = try file.open()
        try outbox.record(candidate: Sample.lesson(), evidence: Sample.evidence(), debounceKey: Sample.key(), actor: .daemon, at: Sample.t0)
        #expect(throws: (any Error).self) { try outbox.forgetEvidence(lessonID: Sample.lesson().id) }
        #expect(try outbox.evidence(lessonID: Sample.lesson().id).count == 1)
    }

    @Test func retryKeepsTheLessonApprovedUntilItsTime() throws {
        let (file, actions, id) = try approvedLesson()
        defer { file.directory.remove() }
        let now = Sample.t0.addingTimeInterval(100)
        #expect(try actions.outbox.dueForSending(at: now).map(\.id) == [id])
        try actions.recordDelivery(id: id, outcome: .retry(reason: "hub unreachable"), actor: .daemon, at: now, unit: 1)
        #expect(try actions.outbox.lesson(id: id)?.state == .approved)
        let status = try #require(try actions.outbox.delivery(lessonID: id))
        #expect(status.attempts == 1)
        #expect(status.nextAttemptAt == now.addingTimeInterval(5))
        #expect(try actions.outbox.dueForSending(at: now.addingTimeInterval(1)).isEmpty)
        #expect(try actions.outbox.dueForSending(at: now.addingTimeInterval(6)).map(\.id) == [id])
        #expect(try actions.outbox.nextRetry() == now.addingTimeInterval(5))
        try actions.recordDelivery(id: id, outcome: .retry(reason: "500"), actor: .daemon, at: now, unit: 1)
        #expect(try actions.outbox.delivery(lessonID: id)?.nextAttemptAt == now.addingTimeInterval(10), "backoff doubles")
    }

    @Test func rejectionFailsWithTheReasonAndCanBeApprovedAgain() throws {
        let (file, actions, id) = try approvedLesson()
        defer { file.directory.remove() }
        try actions.recordDelivery(id: id, outcome: .rejected(reason: "the hub refused the token (401)"), actor: .daemon, unit: 0)
        let failed = try #require(try actions.outbox.lesson(id: id))
        #expect(failed.state == .failed)
        #expect(failed.lastError == "the hub refused the token (401)")
        try actions.approve(id: id, actor: .cli)
        #expect(try actions.outbox.lesson(id: id)?.state == .approved)
    }

    @Test func quarantineIsSentAndRemembered() throws {
        let (file, actions, id) = try approvedLesson()
        defer { file.directory.remove() }
        try actions.recordDelivery(id: id, outcome: .quarantined(rules: ["secret:github"]), actor: .daemon, unit: 0)
        #expect(try actions.outbox.lesson(id: id)?.state == .sent)
        #expect(try actions.outbox.delivery(lessonID: id)?.hubResponse?.contains("secret:github") == true)
        #expect(try actions.outbox.transitions(lessonID: id).last?.note?.contains("quarantined") == true)
    }

    @Test func declinedLessonIsNeverDueAndForgetsItsEvidence() throws {
        let file = try OutboxFile()
        defer { file.directory.remove() }
        let outbox = try file.open()
        try outbox.record(candidate: Sample.lesson(), evidence: Sample.evidence(), debounceKey: Sample.key(), actor: .daemon, at: Sample.t0)
        let actions = LessonActions(outbox: outbox, redactor: Redactor())
        try actions.decline(id: Sample.lesson().id, actor: .cli)
        #expect(try outbox.dueForSending(at: Sample.t0.addingTimeInterval(1_000)).isEmpty)
        #expect(try outbox.evidence(lessonID: Sample.lesson().id).isEmpty)
        #expect(throws: OutboxError.self) { try actions.approve(id: Sample.lesson().id, actor: .cli) }
    }

    @Test func oldPendingLessonsExpire() throws {
        let file = try OutboxFile()
        defer { file.directory.remove() }
        let outbox = try file.open()
        try outbox.record(candidate: Sample.lesson(), evidence: Sample.evidence(), debounceKey: Sample.key(), actor: .daemon, at: Sample.t0)
        let actions = LessonActions(outbox: outbox, redactor: Redactor())
        #expect(try actions.expire(olderThan: 30 * 86_400, actor: .daemon, now: Sample.t0.addingTimeInterval(29 * 86_400)).isEmpty)
        #expect(try actions.expire(olderThan: 30 * 86_400, actor: .daemon, now: Sample.t0.addingTimeInterval(31 * 86_400)) == [Sample.lesson().id])
        #expect(try outbox.lesson(id: Sample.lesson().id)?.state == .expired)
    }
}
