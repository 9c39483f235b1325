import Foundation
import LoopCore

/// What the user typed in answer to the consent gate
/// (`LOOP-CONSENT-GATE … [S]end [E]dit [D]ecline`).
///
/// Only an unmistakable answer counts: the agent may ask, but consent is the
/// user's own word, so anything else ("sure, looks fine to me") is not read as
/// a yes. Case and surrounding whitespace/punctuation are ignored.
public enum ConsentAnswer: String, Sendable, Hashable, Codable {
    case send, decline, edit

    private static let sendWords: Set<String> = ["s", "send", "[s]end", "yes send", "yes, send", "send it", "y send"]
    private static let declineWords: Set<String> = ["d", "decline", "[d]ecline", "no decline", "no, decline", "don't send", "do not send"]
    private static let editWords: Set<String> = ["e", "edit", "[e]dit"]

    /// The answer `text` gives, or nil when it is not an answer to the gate.
    public static func parse(_ text: String) -> ConsentAnswer? {
        var words = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        while let last = words.last, ".!".contains(last) { words.removeLast() }
        words = words.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if sendWords.contains(words) { return .send }
        if declineWords.contains(words) { return .decline }
        if editWords.contains(words) { return .edit }
        return nil
    }
}
