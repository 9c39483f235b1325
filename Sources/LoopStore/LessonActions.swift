import Foundation
import LoopCore

/// Every change a person or an agent makes to a lesson, in one place: the CLI,
/// the MCP tools and the local page call these, never the outbox directly, so
/// no state transition is written twice. Text that comes back from a person or
/// a model is redacted and re-checked here before it reaches the outbox.
public struct LessonActions: Sendable {
    public let outbox: Outbox
    public let redactor: Redactor

    public init(outbox: Outbox, redactor: Redactor) {
        self.outbox = outbox
        self.redactor = redactor
    }

    public struct Refused: Error, Sendable, CustomStringConvertible, Equatable {
        /// The redaction rules that still match.
        public var rules: [String]
        public var description: String {
            "refused: the text still contains something that must not leave this machine (\(rules.joined(separator: ", "))); remove it and try again"
        }
    }

    /// The exact JSON that would be sent for a lesson: wire contract v1, keys sorted.
    public static func payload(_ lesson: Lesson) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(lesson)
    }

    /// Rule names that match anywhere in the lesson's strings (empty when clean).
    public func recheck(_ lesson: Lesson) -> [String] {
        let strings = [lesson.summary, lesson.excerpt.before, lesson.excerpt.after, lesson.artifact.name,
                       lesson.artifact.repo ?? "", lesson.artifact.version ?? ""]
        return Array(Set(strings.flatMap { redactor.verify($0) })).sorted()
    }

    /// The user consents: pending → approved. Refused when the re-check still
    /// finds something, so a lesson that would be quarantined is never approved.
    /// `consuming` is the chat answer that gave the consent (MCP): used once,
    /// for this lesson only, or the approval is refused (`ConsentAnswerAlreadyUsed`).
    public func approve(
        id: String, actor: Actor, note: String? = nil, at date: Date = Date(), consuming answer: ChatConsent? = nil
    ) throws {
        guard let stored = try outbox.lesson(id: id) else { throw OutboxError.lessonNotFound(id: id) }
        let rules = recheck(stored.lesson)
        guard rules.isEmpty else { throw Refused(rules: rules) }
        try outbox.transition(id: id, to: .approved, actor: actor, note: note ?? "approved", at: date, consuming: answer)
    }

    public func decline(
        id: String, actor: Actor, note: String? = nil, at date: Date = Date(), consuming answer: ChatConsent? = nil
    ) throws {
        try outbox.transition(id: id, to: .declined, actor: actor, note: note ?? "declined", at: date, consuming: answer)
        try outbox.forgetEvidence(lessonID: id)
    }

    /// An agent's second opinion: the pending lesson is a false alarm, dropped
    /// before the user is asked: pending → dismissed, never sent. The reason
    /// comes from a model, so it is redacted (and capped) before it is logged;
    /// the evidence is forgotten as for any final lesson. Returns the stored note.
    @discardableResult
    public func dismiss(
        id: String, kind: DismissalKind, reason: String, actor: Actor, at date: Date = Date()
    ) throws -> String {
        let text = reason.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        let redacted = redactor.redact([text], maxLengths: [Dismissal.maxReason]).texts[0]
        let note = "dismissed (\(kind.rawValue)): \(redacted)"
        try outbox.transition(id: id, to: .dismissed, actor: actor, note: note, at: date)
        try outbox.forgetEvidence(lessonID: id)
        return note
    }

    /// What one attempt to send `id` came to, applied: sent (and its evidence
    /// forgotten), failed for good, or left approved with its next retry time.
    /// `unit` is a random number in 0…1 for the backoff's jitter.
    public func recordDelivery(id: String, outcome: DeliveryOutcome, actor: Actor, at date: Date = Date(), unit: Double) throws {
        // loopd and loopctl may send the same lesson at once (the hub keeps one
        // copy); whoever records second finds it already sent and leaves it.
        guard try outbox.lesson(id: id)?.state == .approved else { return }
        switch outcome {
        case .sent(let duplicate):
            guard try settle(id, to: .sent, actor: actor, note: duplicate ? "sent (the hub already had it)" : "sent", at: date) else { return }
            try outbox.forgetEvidence(lessonID: id)
        case .quarantined(let rules):
            let note = "sent; quarantined by the hub (\(rules.isEmpty ? "no rule named" : rules.joined(separator: ", ")))"
            try outbox.noteHubResponse(lessonID: id, response: note)
            guard try settle(id, to: .sent, actor: actor, note: note, at: date) else { return }
            try outbox.forgetEvidence(lessonID: id)
        case .rejected(let reason):
            try settle(id, to: .failed, actor: actor, note: reason, at: date)
        case .retry(let reason):
            let attempts = try outbox.delivery(lessonID: id)?.attempts ?? 0
            try outbox.noteRetry(lessonID: id, error: reason, retryAt: date.addingTimeInterval(Backoff.delay(attempt: attempts, unit: unit)))
        }
    }

    /// Moves an approved lesson to its delivery outcome. Returns false when the
    /// other sender (loopd or loopctl) recorded an outcome in the meantime.
    @discardableResult
    private func settle(_ id: String, to state: LessonState, actor: Actor, note: String, at date: Date) throws -> Bool {
        do {
            try outbox.transition(id: id, to: state, actor: actor, note: note, at: date)
            return true
        } catch OutboxError.invalidTransition {
            guard try outbox.lesson(id: id)?.state != .approved else { throw OutboxError.invalidTransition(id: id, from: .approved, to: state) }
            return false
        }
    }

    /// Replaces a pending lesson's summary and excerpt with new words (from an
    /// editor or a model). The new text is redacted; then, if anything still
    /// matches a rule (a secret written back in a form the redactor keeps), the
    /// edit is refused with the rule names and nothing changes.
    @discardableResult
    public func edit(
        id: String, summary: String?, excerptBefore: String?, excerptAfter: String?, actor: Actor, at date: Date = Date()
    ) throws -> StoredLesson {
        guard let stored = try outbox.lesson(id: id) else { throw OutboxError.lessonNotFound(id: id) }
        let old = stored.lesson
        let raw = [summary ?? old.summary, excerptBefore ?? old.excerpt.before, excerptAfter ?? old.excerpt.after]
        let redacted = redactor.redact(raw, maxLengths: [Lesson.maxSummary, Lesson.maxExcerptSide, Lesson.maxExcerptSide])
        let rules = Array(Set(redacted.texts.flatMap { redactor.verify($0) })).sorted()
        guard rules.isEmpty else { throw Refused(rules: rules) }
        var counts = old.redactions
        for (kind, count) in redacted.counts { counts[kind, default: 0] += count }
        var changed: [String] = []
        if summary != nil { changed.append("summary") }
        if excerptBefore != nil || excerptAfter != nil { changed.append("excerpt") }
        try outbox.edit(
            id: id, summary: redacted.texts[0],
            excerpt: .init(before: redacted.texts[1], after: redacted.texts[2], language: old.excerpt.language),
            redactions: counts, actor: actor, note: "edited: \(changed.joined(separator: ", "))", at: date)
        return try outbox.lesson(id: id) ?? stored
    }

    /// Pending lessons older than `maxAge` move to expired. Returns their ids.
    @discardableResult
    public func expire(olderThan maxAge: TimeInterval, actor: Actor, now: Date = Date()) throws -> [String] {
        let cutoff = now.addingTimeInterval(-maxAge)
        // The daemon calls this on every outbox change: skip reading every pending lesson when none is old.
        guard let oldest = try outbox.oldestPendingRecordedAt(), oldest < cutoff else { return [] }
        let old = try outbox.lessons(state: .pending).filter { $0.recordedAt < cutoff }
        for stored in old {
            try outbox.transition(id: stored.id, to: .expired, actor: actor, note: "expired after \(Int(maxAge / 86_400)) days", at: now)
            try outbox.forgetEvidence(lessonID: stored.id)
        }
        return old.map(\.id)
    }
}
