import Foundation
import LoopCore
import LoopStore
import Testing

@Suite("Outbox: one sender per lesson (send claims)")
struct SendClaimTests {
    func approvedLesson() throws -> (OutboxFile, LessonActions, String) {
        let file = try OutboxFile()
        let outbox = try file.open()
        try outbox.record(candidate: Sample.lesson(), evidence: Sample.evidence(), debounceKey: Sample.key(), actor: .daemon, at: Sample.t0)
        let actions = LessonActions(outbox: outbox, redactor: Redactor())
        try actions.approve(id: Sample.lesson().id, actor: .cli, at: Sample.t0)
        return (file, actions, Sample.lesson().id)
    }

    @Test func aLiveClaimKeepsTheOtherSenderOutUntilReleased() throws {
        let (file, actions, id) = try approvedLesson()
        defer { file.directory.remove() }
        let outbox = actions.outbox
        guard case .claimed(let mine) = try outbox.claimSend(lessonID: id, actor: .cli, at: Sample.t0) else {
            Issue.record("the first sender gets the lesson")
            return
        }
        #expect(mine.pid == getpid())
        // The other sender (same live process here, as far as the outbox can tell) is refused.
        guard case .heldBy(let held) = try outbox.claimSend(lessonID: id, actor: .daemon, at: Sample.t0.addingTimeInterval(1)) else {
            Issue.record("a held lesson is not given to a second sender")
            return
        }
        #expect(held.actor == .cli)
        try actions.recordDelivery(id: id, outcome: .sent(duplicate: false), actor: .cli, unit: 0.5)
        try outbox.releaseSend(lessonID: id)
        #expect(try outbox.sendClaim(lessonID: id) == nil)
        guard case .notSendable(let stored) = try outbox.claimSend(lessonID: id, actor: .daemon, at: Sample.t0.addingTimeInterval(2)) else {
            Issue.record("a sent lesson is not claimed again")
            return
        }
        #expect(stored?.state == .sent)
    }

    @Test func aDeadOwnersOrAnExpiredClaimIsTakenOver() throws {
        let (file, actions, id) = try approvedLesson()
        defer { file.directory.remove() }
        let outbox = actions.outbox
        // A pid that is not running (beyond pid_max) stands for a killed sender.
        _ = try outbox.claimSend(lessonID: id, actor: .cli, pid: 99_999_999, at: Sample.t0)
        guard case .claimed = try outbox.claimSend(lessonID: id, actor: .daemon, at: Sample.t0.addingTimeInterval(1)) else {
            Issue.record("a claim whose process is gone is taken over")
            return
        }
        // This live process's claim, but its lease ran out.
        guard case .claimed = try outbox.claimSend(lessonID: id, actor: .cli, at: Sample.t0.addingTimeInterval(1 + Outbox.sendLease + 1)) else {
            Issue.record("an expired claim is taken over")
            return
        }
        #expect(try outbox.nextSendClaimExpiry(after: Sample.t0.addingTimeInterval(2 + Outbox.sendLease)) != nil)
        #expect(try outbox.nextSendClaimExpiry(after: Sample.t0.addingTimeInterval(10 * Outbox.sendLease)) == nil, "an ended claim needs no timer")
    }

    @Test func aLessonWhoseRetryTimeHasNotComeIsNotClaimedByTheBackgroundSender() throws {
        let (file, actions, id) = try approvedLesson()
        defer { file.directory.remove() }
        try actions.outbox.noteRetry(lessonID: id, error: "hub down", retryAt: Sample.t0.addingTimeInterval(60))
        guard case .notSendable = try actions.outbox.claimSend(lessonID: id, actor: .daemon, at: Sample.t0, dueAt: Sample.t0) else {
            Issue.record("not due yet")
            return
        }
        guard case .claimed = try actions.outbox.claimSend(lessonID: id, actor: .cli, at: Sample.t0) else {
            Issue.record("loopctl send does not wait for the retry time")
            return
        }
    }
}
