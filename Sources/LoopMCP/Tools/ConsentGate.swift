import Foundation

/// Finds the user's answer to one lesson's consent gate in a chat.
///
/// A gate is an agent message with exactly one `LOOP-CONSENT-GATE` line, that
/// line naming the lesson's full id, and the lesson's exact payload (as
/// `LessonActions.payload` writes it; runs of whitespace may differ, since
/// chats re-indent code blocks). Its answer is the user's next typed message,
/// and only when no other gate was shown in between: an answer belongs to the
/// last gate shown before it, so one answer can only ever be for one lesson.
enum ConsentGate {
    static let marker = "LOOP-CONSENT-GATE"

    enum Finding: Sendable, Equatable {
        /// The gate, and the message the user typed next.
        case answered(gate: ChatTurn, answer: ChatTurn)
        /// Shown, not answered yet.
        case unanswered(gate: ChatTurn)
        /// A gate for this lesson showed another payload: the lesson changed
        /// since (refined), so that answer was not about what would be sent.
        case stalePayload(gate: ChatTurn)

        var gate: ChatTurn {
            switch self {
            case .answered(let gate, _), .unanswered(let gate), .stalePayload(let gate): gate
            }
        }
    }

    /// The newest gate for `lessonID` in `turns` (in chat order) and what became of it; nil when none was shown.
    static func find(lessonID: String, payload: String, in turns: [ChatTurn]) -> Finding? {
        let shown = normalized(payload)
        var latest: Finding?
        // The last gate shown and not yet answered; `isOurs` nil when it is another lesson's.
        var open: (gate: ChatTurn, isOurs: Bool, samePayload: Bool)?
        for turn in turns {
            switch turn.speaker {
            case .agent:
                guard let line = gateLine(turn.text) else { continue }
                let isOurs = line.contains(lessonID)
                open = (turn, isOurs, isOurs && normalized(turn.text).contains(shown))
            case .user:
                guard let gate = open else { continue }
                open = nil
                guard gate.isOurs else { continue }
                latest = gate.samePayload ? .answered(gate: gate.gate, answer: turn) : .stalePayload(gate: gate.gate)
            }
        }
        if let gate = open, gate.isOurs {
            latest = gate.samePayload ? .unanswered(gate: gate.gate) : .stalePayload(gate: gate.gate)
        }
        return latest
    }

    /// The marker's line when `text` holds exactly one gate; nil otherwise
    /// (a message with two gates is not an unambiguous question).
    static func gateLine(_ text: String) -> Substring? {
        let lines = text.split(whereSeparator: \.isNewline).filter { $0.contains(marker) }
        guard lines.count == 1, let line = lines.first, line.components(separatedBy: marker).count == 2 else { return nil }
        return line
    }

    static func normalized(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
