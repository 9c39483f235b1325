import Foundation
import LoopCore

/// What a tool call's output (`function_call_output` / `custom_tool_call_output`)
/// says about how the call went.
enum CodexToolOutcome: Sendable, Hashable {
    case succeeded
    case failed
    /// The user declined the approval prompt.
    case rejectedByUser
}

enum CodexToolOutput {
    /// The normalized texts Codex writes when the user declines an approval
    /// (reference §2.5); older builds wrote the bare "rejected by user".
    static let rejectionTexts = ["patch rejected by user", "exec command rejected by user", "rejected by user"]

    /// Failure texts that carry no exit code: apply_patch errors, policy and
    /// auto-reviewer ("guardian") denials, which are not the user's rejection.
    static let failureMarkers = [
        "apply_patch verification failed", "Failed to apply patch", "Invalid patch", "invalid patch", "error: ",
        "execution error", "exec command rejected", "patch rejected", "This action was rejected",
    ]

    /// Outputs are a string (2025: often itself JSON `{output, metadata: {exit_code}}`),
    /// an array of `{type: output_text, text}` items, or `{content, success}`.
    static func outcome(of output: JSONValueView?) -> CodexToolOutcome {
        var text = ""
        var exitCode: Int?
        var success: Bool?
        if let string = output?.string {
            if let wrapped = CodexToolCall.jsonObject(string), let inner = wrapped.string("output") {
                text = inner
                exitCode = wrapped.object("metadata")?.int("exit_code")
            } else {
                text = string
            }
        } else if let items = output?.array {
            text = items.compactMap { $0.object?.string("text") }.joined(separator: "\n")
        } else if let object = output?.object {
            text = object.string("content") ?? ""
            success = object.bool("success")
        }
        let trimmed = String(text.trimmingWhitespace)
        if rejectionTexts.contains(where: { trimmed.hasPrefix($0) }) { return .rejectedByUser }
        if success == false { return .failed }
        if let code = exitCode ?? reportedExitCode(in: trimmed) { return code == 0 ? .succeeded : .failed }
        if failureMarkers.contains(where: { trimmed.hasPrefix($0) }) { return .failed }
        return .succeeded
    }

    /// Newer builds put a header before the output: "Exit code: N" (shell) or
    /// "Process exited with code N" (unified exec). Only header lines (before
    /// "Output:") count, so a command that prints such a line cannot fool this.
    static func reportedExitCode(in text: String) -> Int? {
        for line in text.split(whereSeparator: \.isNewline).prefix(8) {
            if line.hasPrefix("Output:") { break }
            for marker in ["Exit code: ", "Process exited with code "] where line.hasPrefix(marker) {
                let digits = line.dropFirst(marker.count).prefix { $0.isNumber || $0 == "-" }
                if let code = Int(digits) { return code }
            }
        }
        return nil
    }
}
