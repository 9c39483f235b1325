import Foundation

/// How a tool call's permission was refused, read from the tool's error.
/// OpenCode raises one of three errors: `PermissionCorrectedError` (the person
/// rejected and typed feedback), `PermissionRejectedError` (the person, or a
/// headless run that cannot ask, rejected without a word) and
/// `PermissionDeniedError` (a `deny` rule matched: configuration, nobody
/// objected). V1 tool parts store the error's message; V2 rows store
/// `{type, message}` and some builds the error's name or tag.
enum OpenCodePermissionError: Equatable {
    case corrected(reason: String)
    case rejected
    case denied

    /// The sentence every rejection starts with; the corrected one goes on
    /// " with the following feedback: <text>".
    static let rejectionText = "The user rejected permission to use this specific tool call"
    static let deniedText = "The user has specified a rule which prevents you from using this specific tool call"

    /// nil when the error is no permission refusal (a failed or aborted tool).
    init?(_ error: Any?) {
        if let text = error as? String {
            self.init(message: text)
        } else if let object = error as? [String: Any] {
            let name = object.string("name") ?? object.string("_tag") ?? object.string("type") ?? ""
            let data = object.object("data") ?? [:]
            let feedback = (object.string("feedback") ?? data.string("feedback")).map { String($0.trimmingWhitespace) }
            switch name {
            case "PermissionCorrectedError", "permission.corrected":
                if let feedback, !feedback.isEmpty { self = .corrected(reason: feedback) } else {
                    self.init(message: object.string("message") ?? data.string("message") ?? "")
                }
            case "PermissionRejectedError", "permission.rejected": self = .rejected
            case "PermissionDeniedError", "permission.denied": self = .denied
            default: self.init(message: object.string("message") ?? data.string("message") ?? "")
            }
        } else {
            return nil
        }
    }

    private init?(message: String) {
        if let range = message.range(of: Self.rejectionText) {
            self = Self.feedback(after: message[range.upperBound...]).map { .corrected(reason: $0) } ?? .rejected
        } else if message.contains(Self.deniedText) {
            self = .denied
        } else {
            return nil
        }
    }

    /// What follows the rejection sentence: nothing ("."), or
    /// " with the following feedback: <text>" (wording varies by version, so
    /// anything after a colon counts).
    static func feedback(after rest: Substring) -> String? {
        var text = rest.drop { $0 == "." }
        if let colon = text.firstIndex(of: ":") {
            text = text[text.index(after: colon)...]
        }
        let trimmed = String(text.trimmingWhitespace)
        return trimmed.isEmpty ? nil : trimmed
    }
}
