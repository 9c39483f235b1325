import Foundation
import LoopCore
import LoopStore

/// Sends approved lessons: re-checks each one, posts it, and applies the
/// outcome through `LessonActions`. Only `approved` lessons are ever sent.
public struct Sender: Sendable {
    public var actions: LessonActions
    public var client: HubClient
    public var actor: Actor

    public init(actions: LessonActions, client: HubClient, actor: Actor) {
        self.actions = actions
        self.client = client
        self.actor = actor
    }

    public struct Report: Sendable {
        public var id: String
        public var outcome: DeliveryOutcome
    }

    /// What one call to `send` did.
    public enum Attempt: Sendable {
        /// This sender posted the lesson; the outcome is recorded.
        case reported(Report)
        /// Another sender (loopd, or another loopctl) is posting it right now.
        case beingSent(SendClaim)
        /// Nothing to send: the lesson is not approved (any more: someone sent
        /// it, or it failed), or with `dueAt` its retry time has not come.
        case notSendable(StoredLesson?)
    }

    /// Sends one approved lesson, unless another sender holds it: the lesson
    /// is claimed in the outbox first (`Outbox.claimSend`), so it is posted by
    /// exactly one party, and released once the outcome is recorded.
    public func send(id: String, dueAt: Date? = nil, now: @Sendable () -> Date = Date.init) async throws -> Attempt {
        let claim: SendClaim
        switch try actions.outbox.claimSend(lessonID: id, actor: actor, at: now(), dueAt: dueAt) {
        case .claimed(let taken): claim = taken
        case .heldBy(let other): return .beingSent(other)
        case .notSendable(let stored): return .notSendable(stored)
        }
        defer { try? actions.outbox.releaseSend(lessonID: id, pid: claim.pid) }
        guard let stored = try actions.outbox.lesson(id: id), stored.state == .approved else {
            return .notSendable(try actions.outbox.lesson(id: id))
        }
        let rules = actions.recheck(stored.lesson)
        let outcome: DeliveryOutcome
        if !rules.isEmpty {
            // The outbox should never hold this; refuse rather than send it.
            outcome = .rejected(reason: "the re-check before sending found \(rules.joined(separator: ", "))")
        } else {
            outcome = await client.send(stored.lesson)
        }
        try actions.recordDelivery(id: id, outcome: outcome, actor: actor, at: now(), unit: Double.random(in: 0...1))
        return .reported(Report(id: id, outcome: outcome))
    }

    /// Every approved lesson whose turn has come and that no other sender holds.
    public func sendDue(now: Date = Date()) async -> [Report] {
        var reports: [Report] = []
        for stored in (try? actions.outbox.dueForSending(at: now)) ?? [] {
            if case .reported(let report)? = try? await send(id: stored.id, dueAt: now) { reports.append(report) }
        }
        return reports
    }
}
