import LoopStore
import MCP

/// A tool call the model can fix: every case says what went wrong and what to
/// do next, and becomes a JSON-RPC error (never a crash, never a closed connection).
struct ToolError: Error, Sendable, CustomStringConvertible {
    /// JSON-RPC codes: -32602 for bad arguments; loop's own in the server range.
    enum Code: Int, Sendable {
        case invalidArguments = -32602
        case notFound = -32004
        case consentNotGiven = -32010
        case refusedByRedactor = -32011
        case wrongState = -32012
        case dropped = -32013
        case storage = -32020
    }

    var code: Code
    var description: String

    init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }

    var mcpError: MCPError {
        code == .invalidArguments ? .invalidParams(description) : .serverError(code: code.rawValue, message: description)
    }

    /// Store errors worded for a model: a missing id or a refused move keeps its meaning.
    static func from(_ error: any Error) -> ToolError {
        switch error {
        case let error as ToolError:
            return error
        case let refused as LessonActions.Refused:
            return ToolError(.refusedByRedactor, "\(refused.description). Rewrite the text as a general statement without names, paths, hosts or secrets.")
        case let used as ConsentAnswerAlreadyUsed:
            return ToolError(.consentNotGiven, "refused: the user's answer to this gate was already used (for lesson \(used.lessonID)); one typed answer consents to one lesson, once. Show this lesson's gate and wait for a new answer.")
        case OutboxError.lessonNotFound(let id):
            return ToolError(.notFound, "no lesson with id \(id); call lessons_pending to see the ids")
        case OutboxError.ambiguousIDPrefix(let prefix, let matches):
            return ToolError(.invalidArguments, "id prefix \(prefix) matches several lessons (\(matches.joined(separator: ", "))); pass the full id")
        case OutboxError.invalidTransition(let id, let from, _):
            return ToolError(.wrongState, "lesson \(id) is \(from.rawValue), not pending: the user has already decided on it; leave it as it is")
        default:
            return ToolError(.storage, "loop could not complete this: \(error)")
        }
    }
}
