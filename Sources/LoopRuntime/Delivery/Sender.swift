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

    /// Sends one lesson if it is approved; returns nil when it is not.
    public func send(id: String, now: @Sendable () -> Date = Date.init) async throws -> Report? {
        guard let stored = try actions.outbox.lesson(id: id), stored.state == .approved else { return nil }
        let rules = actions.recheck(stored.lesson)
        let outcome: DeliveryOutcome
        if !rules.isEmpty {
            // The outbox should never hold this; refuse rather than send it.
            outcome = .rejected(reason: "the re-check before sending found \(rules.joined(separator: ", "))")
        } else {
            outcome = await client.send(stored.lesson)
        }
        try actions.recordDelivery(id: id, outcome: outcome, actor: actor, at: now(), unit: Double.random(in: 0...1))
        return Report(id: id, outcome: outcome)
    }

    /// Every approved lesson whose turn has come.
    public func sendDue(now: Date = Date()) async -> [Report] {
        var reports: [Report] = []
        for stored in (try? actions.outbox.dueForSending(at: now)) ?? [] {
            if let report = try? await send(id: stored.id) { reports.append(report) }
        }
        return reports
    }
}
