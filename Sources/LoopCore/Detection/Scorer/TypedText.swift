import Foundation

/// Text that reaches the detector as the user's message but was not typed as
/// a reply to the output: harness notifications, expanded prompt and command
/// bodies, and invocations of a skill or command (new work, not a repair).
public enum TypedText {
    /// Notifications and harness output a user message can carry verbatim.
    static let notificationPrefixes = [
        "<bash-notification>", "<task-notification>", "<system-reminder>", "<command-", "<local-command-",
        "<user-prompt-submit-hook>", "<environment_context>", "<user_instructions>", "⏺", "⎿",
    ]
    static let notificationPhrases = [
        "stop hook prevented", "ran 1 stop hook", "stop hook feedback", "hook prevented continuation",
        // Claude Code's words when the user declines AskUserQuestion to clarify it.
        "the user wants to clarify these questions",
    ]
    /// Markers of a prompt template expanded into the message (spec-kit commands,
    /// Codex custom prompts, Claude Code command bodies).
    static let templateMarkers = ["$arguments", "## user input", "you **must** consider the user input", "{{args}}", "\n---\ndescription:"]

    /// Why `text` is not the user's typed words, if it is not.
    public static func notTyped(_ text: String) -> String? {
        let trimmed = String(text.trimmingWhitespace)
        let lowered = trimmed.lowercased()
        if let prefix = notificationPrefixes.first(where: { trimmed.hasPrefix($0) }) {
            return "a harness notification (\(prefix)…)"
        }
        if let phrase = notificationPhrases.first(where: { lowered.contains($0) }) {
            return "harness output (\"\(phrase)\")"
        }
        if lowered.hasPrefix("---\ndescription:") || templateMarkers.contains(where: { lowered.contains($0) }) {
            return "an expanded prompt or command body"
        }
        let headings = trimmed.split(separator: "\n").filter { $0.hasPrefix("#") }.count
        if trimmed.utf8.count > 800, headings >= 3 {
            return "an expanded prompt body (\(headings) Markdown headings)"
        }
        return nil
    }

    /// `$skill …`, `/command …` or a bare path to a skill: the user starts an artifact.
    public static func invocation(_ text: String) -> String? {
        let trimmed = text.trimmingWhitespace
        guard let first = trimmed.split(whereSeparator: { $0 == " " || $0 == "\n" }).first else { return nil }
        if first.count > 1, first.first == "$" || first.first == "/",
           first.dropFirst().allSatisfy({ $0.isLetter || $0.isNumber || "-_.:".contains($0) }),
           first.dropFirst().first?.isLetter == true {
            return "starts \(first)"
        }
        if first.contains("skills/") || first.hasSuffix("SKILL.md") { return "names the skill \(first)" }
        return nil
    }
}
