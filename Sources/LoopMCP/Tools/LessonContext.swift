import LoopCore
import LoopStore

/// What an agent needs to judge a pending lesson before asking the user:
/// what it produced, what the user said or did, and why loop flagged it.
/// Everything here was redacted when the lesson was recorded.
struct LessonContext: Codable, Sendable {
    struct Flagged: Codable, Sendable {
        var signal: Signal
        /// What the detector observed, one line per piece of evidence.
        var observations: [String]
        /// The context scorer's breakdown, when the signal was a message.
        var scores: [String]?
    }

    /// The agent's output the user reacted to (empty for a rejected proposal).
    var agentProduced: String
    /// The agent's last words before the user's message (its claim), when kept.
    var agentLastWords: String?
    /// The user's words, or their rewrite for a hand edit.
    var userSaid: String
    var whyFlagged: Flagged

    init(_ stored: StoredLesson, evidence: [Evidence]) {
        let lesson = stored.lesson
        agentProduced = lesson.excerpt.before
        agentLastWords = evidence.last { $0.agentClaim != nil }?.agentClaim
        userSaid = lesson.excerpt.after
        let notes = evidence.map(\.note).filter { !$0.isEmpty }
        let scores = evidence.compactMap(\.scoreExplanation)
        whyFlagged = Flagged(
            signal: lesson.signal, observations: Self.unique(notes),
            scores: scores.isEmpty ? nil : Self.unique(scores))
    }

    /// Order-keeping de-duplication: folded evidence often repeats the same note.
    private static func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }
}
