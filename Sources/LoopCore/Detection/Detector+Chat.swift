import Foundation

extension Detector {
    /// A typed user message: a rejection's reason, a chat correction, a
    /// redirect after an interrupt, or nothing. The context scorer weighs the
    /// message against the agent's last words; `words` are its content words
    /// (`RecentInstruction.words(of:)`).
    mutating func userSaid(_ text: String, words: Set<String>, event: NormalizedEvent, in session: inout SessionState, now: Date) -> [Decision] {
        let repeated = repeatedInstruction(words, in: session)
        let seconds = event.timestamp.flatMap { time in session.lastOutputAt.map { time.timeIntervalSince($0) } }
        if let proposal = session.rejectionAwaitingReason {
            session.rejectionAwaitingReason = nil
            let score = ContextScorer(model: config.scorer).score(ContextMoment(
                kind: .rejectionNext, message: text, agentText: session.lastAgentText,
                repeatsInstruction: repeated != nil, secondsSinceOutput: seconds))
            var found = candidate(
                .rejection, session: session, artifact: proposal.artifact, position: event.position,
                before: "", after: text, userText: text, note: "the user rejected a tool call and said why", now: now)
            found.score = score
            found.agentClaim = session.lastAgentText
            return [judge(found)]
        }
        guard let output = session.lastOutput else { return [] }
        let kind: ContextMoment.Kind = session.interrupted ? .interrupt : .chat
        let score = ContextScorer(model: config.scorer).score(ContextMoment(
            kind: kind, message: text, agentText: session.lastAgentText,
            repeatsInstruction: repeated != nil, secondsSinceOutput: seconds))
        // A next message in which no feature fires is no candidate at all.
        guard kind != .chat || score.hasEvidence else { return [] }
        var found = candidate(
            .chatCorrection, session: session, artifact: output.artifact, position: event.position,
            file: output.file, before: output.text, after: text, userText: text,
            note: kind == .interrupt ? "the user interrupted the agent and redirected it"
                : "the user's next message corrected the agent's output", now: now)
        found.score = score
        found.agentClaim = session.lastAgentText
        if let repeated, score.fired("repeated-instruction"), !score.fired("negation"), !score.fired("correction") {
            found.artifact = repeated.artifact ?? output.artifact
            found.note = "the user repeated an instruction the agent had not followed"
        }
        return [judge(found)]
    }

    /// Gate 1 and 2 from the candidate's context score: words that were not
    /// typed fail the signal gate; a score under the threshold is iteration.
    mutating func judge(_ found: Candidate) -> Decision {
        guard let score = found.score else { return gate(found) }
        if let notTyped = score.contributions.first(where: { $0.feature == "not-typed" }) {
            return dropped(found, .signal, "not typed by the user: \(notTyped.evidence)")
        }
        guard score.raises else {
            return gate(found, iteration: "not enough evidence of a correction, \(score.explanation)")
        }
        return gate(found)
    }

    /// An earlier instruction of this session that a message with these content
    /// words repeats (most of the same words), given after the agent answered it.
    func repeatedInstruction(_ words: Set<String>, in session: SessionState) -> RecentInstruction? {
        guard words.count >= 3 else { return nil }  // "ok go on" twice is not a repeat
        return session.recentInstructions.last { $0.similarity(to: words) >= 0.6 }
    }

    /// A refused tool call. With the user's words it is a correction at once;
    /// without, the next typed message (after the interrupt marker) is the reason.
    mutating func rejected(_ toolCallID: String, reason: String?, event: NormalizedEvent, in session: inout SessionState, now: Date) -> [Decision] {
        let artifact = artifact(for: event, in: &session)
        guard let reason = reason.map({ String($0.trimmingWhitespace) }), !reason.isEmpty else {
            session.rejectionAwaitingReason = RejectedProposal(toolCallID: toolCallID, artifact: artifact, position: event.position)
            return []
        }
        var found = candidate(
            .rejection, session: session, artifact: artifact, position: event.position, before: "", after: reason,
            userText: reason, note: "the user rejected a tool call and said why", now: now)
        found.score = ContextScorer(model: config.scorer).score(ContextMoment(
            kind: .rejectionReason, message: reason, agentText: session.lastAgentText))
        return [judge(found)]
    }
}
