import Foundation
import LoopCore

/// Turns `event_msg user_message` text into what the user typed, and finds
/// harness injections in user-role `response_item` messages.
enum CodexUserText {
    static let ideContextPrefix = "# Context from my IDE setup:"
    static let ideRequestMarker = "## My request for Codex:"
    static let agentsInstructionsPrefix = "# AGENTS.md instructions for "

    /// Texts the harness itself puts into user-role messages; never typed.
    static let injectedPrefixes = [
        "<environment_context>", "<user_instructions>", agentsInstructionsPrefix, "<skill>",
        "<user_shell_command>", "<turn_aborted>", "<subagent_notification>",
    ]

    /// The typed text, or nil when the message is no typed text: injected
    /// context, an IDE context block without a request, or empty.
    /// The VS Code extension prefixes the request with
    /// "# Context from my IDE setup: … ## My request for Codex:"; only what
    /// follows the marker was typed.
    static func typedText(_ message: String) -> String? {
        var text = String(message.trimmingWhitespace)
        if text.hasPrefix(ideContextPrefix) {
            guard let marker = text.range(of: ideRequestMarker) else { return nil }
            text = String(text[marker.upperBound...].trimmingWhitespace)
        }
        if text.isEmpty || injectedPrefixes.contains(where: { text.hasPrefix($0) }) { return nil }
        return text
    }

    /// `/prompts:<name> …` names a custom prompt (Codex ≥ 0.50 namespaces them);
    /// a bare `/<name>` only when `name` is one of the user's prompt files,
    /// since built-in commands and paths (`/tmp is full`) also start with "/".
    static func customPrompt(in text: String, knownPrompts: Set<String>) -> String? {
        guard text.hasPrefix("/") else { return nil }
        let word = text.dropFirst().prefix { !$0.isWhitespace }
        if word.hasPrefix("prompts:") {
            let name = word.dropFirst("prompts:".count)
            return isName(name) ? String(name) : nil
        }
        return knownPrompts.contains(String(word)) ? String(word) : nil
    }

    /// `$skill-name` mentions. Skill names are lowercase letters, digits and
    /// hyphens (agent skills standard), which keeps `$HOME`, `$1`, `$PATH` out.
    /// The `$` must start a word, so `a$b` and `$$` do not count.
    static func skillMentions(in text: String) -> [String] {
        var names: [String] = []
        var previous: Character = " "
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "$", previous.isWhitespace || "([\"'`".contains(previous) {
                let after = text.index(after: index)
                let word = text[after...].prefix { $0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ":" }
                let end = text.index(after, offsetBy: word.count)
                // "use $pdf: …" — trailing punctuation is not part of the name.
                var name = word
                while let last = name.last, "-_:".contains(last) { name = name.dropLast() }
                let terminated = end == text.endIndex || !(text[end].isLetter || text[end] == "$")
                if let first = name.first, first.isLowercase, first.isASCII, terminated,
                   !names.contains(String(name)) {
                    names.append(String(name))
                }
            }
            previous = character
            index = text.index(after: index)
        }
        return names
    }

    /// `<skill>\n<name>N</name>\n<path>P</path>…` — what Codex injects when a
    /// skill is invoked (by `$name`, `/skills` or implicitly).
    static func injectedSkill(_ text: String) -> (name: String, path: String?)? {
        guard text.hasPrefix("<skill>"), let name = element("name", in: text) else { return nil }
        return (name, element("path", in: text))
    }

    /// The directory of "# AGENTS.md instructions for <dir>".
    static func agentsInstructionsDirectory(_ text: String) -> String? {
        guard text.hasPrefix(agentsInstructionsPrefix) else { return nil }
        let rest = text.dropFirst(agentsInstructionsPrefix.count)
        let directory = rest.prefix { $0 != "\n" }.trimmingCharacters(in: .whitespaces)
        return directory.isEmpty ? nil : directory
    }

    private static func element(_ tag: String, in text: String) -> String? {
        guard let open = text.range(of: "<\(tag)>"),
              let close = text.range(of: "</\(tag)>", range: open.upperBound..<text.endIndex) else { return nil }
        let value = String(text[open.upperBound..<close.lowerBound].trimmingWhitespace)
        return value.isEmpty ? nil : value
    }

    private static func isName(_ text: Substring) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }
    }
}
