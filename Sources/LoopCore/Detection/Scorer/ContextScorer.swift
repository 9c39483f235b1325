import Foundation

/// One moment the scorer judges: what the user said, in what situation, after
/// which words of the agent.
public struct ContextMoment: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The user's next message after an output.
        case chat
        /// The user's message after stopping the agent.
        case interrupt
        /// The words given with a refused tool call.
        case rejectionReason = "rejection-reason"
        /// The message typed after a refused tool call that came without words.
        case rejectionNext = "rejection-next"
    }

    public var kind: Kind
    public var message: String
    /// The agent's last words before the message (its claims, its questions).
    public var agentText: String?
    /// The message repeats an earlier instruction of the session.
    public var repeatsInstruction: Bool
    public var secondsSinceOutput: Double?

    public init(kind: Kind, message: String, agentText: String?, repeatsInstruction: Bool = false, secondsSinceOutput: Double? = nil) {
        self.kind = kind
        self.message = message
        self.agentText = agentText
        self.repeatsInstruction = repeatsInstruction
        self.secondsSinceOutput = secondsSinceOutput
    }
}

/// Scores a moment from features of the agent's last words, the user's
/// message and the timing; weights and phrases come from a `ScorerModel`.
/// The phrase lists are evidence to weigh, never a verdict on their own.
public struct ContextScorer: Sendable {
    public var model: ScorerModel

    public init(model: ScorerModel = .standard) {
        self.model = model
    }

    /// Seconds under which a reply is `quick-reply`, over which `late-reply`.
    static let quickReply: Double = 20
    static let lateReply: Double = 1_800
    /// Words at most for a reply to read as an answer to the agent's question.
    static let shortAnswer = 8
    /// Characters over which a message without an error reads as a paste.
    static let longPaste = 1_500

    public func score(_ moment: ContextMoment) -> ContextScore {
        var contributions: [ContextScore.Contribution] = []
        func fire(_ feature: String, _ evidence: String) {
            contributions.append(.init(feature: feature, weight: model.weight(feature), evidence: evidence))
        }
        let prior = "prior-" + moment.kind.rawValue
        if model.weight(prior) != 0 { fire(prior, moment.kind.rawValue) }

        if let reason = TypedText.notTyped(moment.message) {
            fire("not-typed", reason)
            return ContextScore(contributions: contributions, threshold: model.threshold)
        }
        let text = CorrectionLanguage.normalize(moment.message)
        let agent = moment.agentText.map(CorrectionLanguage.normalize) ?? ""
        let claim = agent.isEmpty ? nil : model.match("claim", in: agent)
        let agentAsks = agent.isEmpty ? nil : (agent.hasSuffix("?") ? "ends with a question" : model.match("agent-asks", in: Self.tail(agent)))
        let wordCount = text.split(separator: " ").count

        if let invoked = TypedText.invocation(moment.message) { fire("invocation", invoked) }
        if let phrase = model.match("approval", in: text) { fire("approval", quoted(phrase)) }
        if let phrase = model.match("negation", in: text) { fire("negation", quoted(phrase)) }
        if let phrase = model.match("correction", in: text), !isException(phrase, in: text) {
            fire("correction", quoted(phrase))
        }
        if let phrase = model.match("prohibition", in: text), !contributions.contains(where: { $0.feature == "correction" }) {
            fire("prohibition", quoted(phrase))
        }
        if let phrase = model.match("repair-request", in: text), let claim {
            fire("repair-request", "\(quoted(phrase)) after \(quoted(claim))")
        }
        if let phrase = model.match("symptom", in: text) {
            fire("symptom", quoted(phrase))
            if let claim { fire("symptom-after-claim", "the agent said \(quoted(claim))") }
        }
        if let shape = PastedOutput.error(in: moment.message) {
            fire("pasted-error", shape)
            if let claim { fire("pasted-error-after-claim", "the agent said \(quoted(claim))") }
        } else if moment.message.utf8.count > Self.longPaste {
            fire("long-paste", "\(moment.message.utf8.count) characters")
        }
        if moment.repeatsInstruction { fire("repeated-instruction", "most words of an earlier instruction") }
        if let phrase = model.match("new-request", in: text) { fire("new-request", quoted(phrase)) }
        if let phrase = model.match("iteration", in: text) { fire("iteration", quoted(phrase)) }
        if let phrase = model.match("self-clarification", in: text) { fire("self-clarification", quoted(phrase)) }
        // A symptom, an error or "you forgot…" says the output is wrong, whatever the agent asked.
        let reportsTrouble = contributions.contains { ["symptom", "pasted-error", "correction"].contains($0.feature) }
        if let agentAsks, !reportsTrouble, wordCount <= Self.shortAnswer || model.match("answer", in: text) != nil {
            fire("answers-agent", "the agent asked (\(agentAsks))")
        }
        if text.hasSuffix("?") || model.match("question", in: text) != nil {
            fire("question", text.hasSuffix("?") ? "ends with ?" : "opens as a question")
        }
        if let seconds = moment.secondsSinceOutput {
            if seconds < Self.quickReply { fire("quick-reply", "\(Int(seconds)) s after the output") }
            if seconds > Self.lateReply { fire("late-reply", "\(Int(seconds / 60)) min after the output") }
        }
        return ContextScore(contributions: contributions.filter { $0.weight != 0 }, threshold: model.threshold)
    }

    /// "should be able to…" is not "should be": an exception row that starts
    /// with the matched phrase and occurs in the text voids it.
    func isException(_ phrase: String, in text: String) -> Bool {
        guard let exceptions = model.lexicons["correction-exception"]?.anywhere else { return false }
        return exceptions.contains { $0.hasPrefix(phrase) && CorrectionLanguage.containsPhrase(text, $0) }
    }

    /// The agent's closing words, where a question or an offer sits.
    static func tail(_ text: String) -> String {
        String(text.suffix(300))
    }

    private func quoted(_ phrase: String) -> String { "\"\(phrase)\"" }
}
