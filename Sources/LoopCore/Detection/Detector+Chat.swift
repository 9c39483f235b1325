import Foundation

extension Detector {
    /// A typed user message: a rejection's reason, a chat correction, or nothing.
    /// `words` are its content words (`RecentInstruction.words(of:)`).
    mutating func userSaid(_ text: String, words: Set<String>, event: NormalizedEvent, in session: inout SessionState, now: Date) -> [Decision] {
        if let proposal = session.rejectionAwaitingReason {
            session.rejectionAwaitingReason = nil
            let found = candidate(
                .rejection, session: session, artifact: proposal.artifact, position: event.position,
                before: "", after: text, userText: text, note: "the user rejected a tool call and said why", now: now)
            return [gate(found, iteration: iterationReason(of: text))]
        }
        guard let output = session.lastOutput else { return [] }
        let found = candidate(
            .chatCorrection, session: session, artifact: output.artifact, position: event.position,
            file: output.file, before: output.text, after: text, userText: text,
            note: "the user's next message corrected the agent's output", now: now)
        switch CorrectionLanguage.read(text) {
        case .iteration(let reason):
            return [gate(found, iteration: reason)]
        case .correction(let marker, _) where Self.answersAQuestion(marker: marker, output: output.text):
            return [gate(found, iteration: "an answer to the agent's question (\"\(marker)\")")]
        case .correction(let marker, _):
            var noted = found
            noted.note = "the user's next message corrected the agent's output (\"\(marker)\")"
            return [gate(noted)]
        case .none:
            if session.interrupted, let interrupted = session.lastOutput {
                // Stopping the agent mid-output and steering it elsewhere is a correction of that output.
                var redirect = found
                redirect.artifact = interrupted.artifact
                redirect.before = interrupted.text
                redirect.note = "the user interrupted the agent and redirected it"
                return [gate(redirect)]
            }
            if let repeated = repeatedInstruction(words, in: session) {
                var again = found
                again.artifact = repeated.artifact ?? output.artifact
                again.note = "the user repeated an instruction the agent had not followed"
                return [gate(again)]
            }
            return []
        }
    }

    /// "No" or "don't" right after the agent asked something answers the
    /// question; it does not reject the output.
    static func answersAQuestion(marker: String, output: String) -> Bool {
        guard String(output.trimmingWhitespace).hasSuffix("?") else { return false }
        return CorrectionLanguage.leadingCorrections.contains(marker) || marker == "no"
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
        let found = candidate(
            .rejection, session: session, artifact: artifact, position: event.position, before: "", after: reason,
            userText: reason, note: "the user rejected a tool call and said why", now: now)
        return [gate(found, iteration: iterationReason(of: reason))]
    }

    /// Why words attached to a strong signal read as iteration, if they do.
    func iterationReason(of text: String) -> String? {
        if case .iteration(let reason) = CorrectionLanguage.read(text) { return reason }
        return nil
    }
}
