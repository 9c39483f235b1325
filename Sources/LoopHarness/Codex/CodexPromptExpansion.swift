import Foundation

/// Recognizes a custom prompt that Codex expanded before sending it. Most
/// Codex builds replace `/prompts:name args` (or `/name`) in the composer with
/// the prompt file's body, `$ARGUMENTS`/`$1`… filled in, and record only that
/// body as the `user_message`: nothing in the rollout marks it. The text is the
/// prompt author's, not the person's; knowing the bodies is the only way to tell.
public struct CodexPromptExpansion: Sendable, Hashable {
    /// The prompt's name (file stem).
    public let name: String
    /// The body's fixed text between placeholders, in order.
    let segments: [String]

    /// A body with less fixed text than this would match ordinary typing
    /// ("Fix $1" would claim every "Fix …").
    static let minimumFixedText = 24

    /// - Parameters:
    ///   - name: the prompt file's stem.
    ///   - body: the file's text; YAML frontmatter is skipped.
    /// - Returns: nil when the body has too little fixed text to recognize.
    public init?(name: String, body: String) {
        var segments = Self.segments(of: Self.droppingFrontmatter(body))
        if let first = segments.first { segments[0] = String(first.trimmingWhitespace) }
        if let last = segments.last { segments[segments.count - 1] = String(last.trimmingWhitespace) }
        segments.removeAll { $0.isEmpty }
        guard segments.reduce(0, { $0 + $1.count }) >= Self.minimumFixedText else { return nil }
        self.name = name
        self.segments = segments
    }

    /// Whether `message` is this prompt's expansion: it starts with the body's
    /// fixed start and holds every later fixed piece, in order (what the
    /// placeholders became is free).
    func matches(_ message: String) -> Bool {
        let text = message.trimmingWhitespace
        guard let first = segments.first, text.hasPrefix(first) else { return false }
        var rest = text.dropFirst(first.count)
        for segment in segments.dropFirst() {
            guard let found = rest.range(of: segment) else { return false }
            rest = rest[found.upperBound...]
        }
        return true
    }

    /// The expansions of every `*.md` prompt in `directory` (`$CODEX_HOME/prompts`); empty when unreadable.
    public static func load(directory: String) -> [CodexPromptExpansion] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return files.filter { $0.hasSuffix(".md") }.sorted().compactMap { file in
            guard let body = try? String(contentsOfFile: directory + "/" + file, encoding: .utf8) else { return nil }
            return CodexPromptExpansion(name: String(file.dropLast(3)), body: body)
        }
    }

    private static func droppingFrontmatter(_ body: String) -> Substring {
        let text = Substring(body)
        guard text.hasPrefix("---\n") || text.hasPrefix("---\r\n"),
              let close = text.range(of: "\n---", range: text.index(text.startIndex, offsetBy: 3)..<text.endIndex)
        else { return text }
        let rest = text[close.upperBound...]
        return rest.drop { $0 != "\n" }.dropFirst()
    }

    /// The text around `$ARGUMENTS`, `$1`…`$9` and named `$UPPER_CASE` placeholders.
    private static func segments(of text: Substring) -> [String] {
        var segments: [String] = []
        var segmentStart = text.startIndex
        var index = text.startIndex
        while let dollar = text[index...].firstIndex(of: "$") {
            let next = text.index(after: dollar)
            let name = text[next...].prefix { $0.isNumber || ($0.isASCII && ($0.isUppercase || $0 == "_")) }
            if name.isEmpty {
                index = next
                continue
            }
            segments.append(String(text[segmentStart..<dollar]))
            segmentStart = name.endIndex
            index = name.endIndex
        }
        segments.append(String(text[segmentStart...]))
        return segments
    }
}
