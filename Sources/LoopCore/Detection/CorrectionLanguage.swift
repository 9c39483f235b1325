import Foundation

/// Reads a typed user message and says whether it repairs the agent's last
/// output (a defect) or moves the work on (iteration). Precision first: a
/// message that is both, or neither clearly, is iteration and stays silent.
public enum CorrectionLanguage {
    public enum Reading: Sendable, Hashable {
        /// Explicit correction language, with the phrase that showed it.
        case correction(marker: String, category: Category)
        /// Not a correction: a new requirement, preference, pivot, question, approval…
        case iteration(reason: String)
        /// No correction language at all.
        case none
    }

    public static func read(_ message: String) -> Reading {
        let text = normalize(message)
        guard !text.isEmpty else { return .none }
        if let approval = approvals.first(where: { startsWithPhrase(text, $0) }) {
            return .iteration(reason: "approval (\"\(approval)\")")
        }
        let correction = correctionMarker(in: text)
        if let iteration = iterationMarker(in: text) {
            // "no, also add X" and "wrong — now also do Y" mix both; ambiguity is iteration.
            return .iteration(reason: iteration)
        }
        if let correction {
            return .correction(marker: correction, category: category(of: text))
        }
        if text.hasSuffix("?") {
            return .iteration(reason: "a question without correction language")
        }
        return .none
    }

    /// Lower-cased, curly quotes straightened, whitespace folded.
    static func normalize(_ message: String) -> String {
        let lowered = message.lowercased()
        if let folded = ASCIIWords.foldingWhitespace(lowered) { return folded }  // no curly quotes in ASCII
        // One pass over the Characters (no Foundation, no intermediate arrays).
        var folded = ""
        folded.reserveCapacity(lowered.utf8.count)
        var spaceDue = false
        for character in lowered {
            if character.isWhitespace {
                spaceDue = !folded.isEmpty
                continue
            }
            if spaceDue {
                folded.append(" ")
                spaceDue = false
            }
            folded.append(character == "\u{2019}" || character == "\u{2018}" ? "'" : character)
        }
        return folded
    }

    // MARK: - Markers

    /// Phrases at the start of a message that reject the last output.
    static let leadingCorrections = [
        "no,", "no.", "no!", "no -", "no —", "nope", "wrong", "that's wrong", "that is wrong",
        "that's not", "that is not", "this is not", "this isn't", "that isn't", "not like that",
        "not what i", "incorrect", "undo", "revert", "don't", "do not", "stop",
    ]

    /// Phrases anywhere in a message that say the output was defective.
    static let inlineCorrections = [
        "you forgot", "you missed", "you didn't", "you did not", "you broke", "you ignored",
        "you removed", "you deleted", "you changed", "you used", "you put", "you added",
        "should be", "should have been", "should not be", "shouldn't be", "is supposed to",
        "was supposed to", "are supposed to", "the template is", "the format is", "the convention is",
        "not what i asked", "not what i wanted", "i said", "i told you", "as i said", "i asked you",
        "that's not right", "that is not right", "that's incorrect", "is wrong", "are wrong",
        "is broken", "stop using", "don't use", "do not use", "never use", "instead of what you",
        "why did you", "doesn't follow", "does not follow", "didn't follow", "missing the",
        "is missing", "are missing", "please fix", "fix the", "that's not how",
    ]

    /// Phrases that mark new work, a preference, a pivot or a question.
    static let iterationMarkers: [(String, String)] = [
        ("now also", "a new requirement (\"now also\")"), ("also add", "a new requirement (\"also add\")"),
        ("now add", "a new requirement (\"now add\")"), ("can you also", "a new requirement (\"can you also\")"),
        ("could you also", "a new requirement (\"could you also\")"), ("let's also", "a new requirement (\"let's also\")"),
        ("additionally", "a new requirement (\"additionally\")"), ("one more thing", "a new requirement (\"one more thing\")"),
        ("next,", "the next step (\"next,\")"), ("next step", "the next step"), ("as well", "a new requirement (\"as well\")"),
        ("i'd prefer", "a preference"), ("i would prefer", "a preference"), ("i prefer", "a preference"),
        ("i'd rather", "a preference"), ("i'd like it", "a preference"), ("let's go with", "a preference"),
        ("instead of green", "a preference"), ("change of plan", "a scope pivot"), ("let's switch", "a scope pivot"),
        ("actually, let's", "a scope pivot"), ("actually let's", "a scope pivot"), ("never mind", "a scope pivot"),
        ("nevermind", "a scope pivot"), ("nvm", "a scope pivot"), ("on second thought", "a scope pivot"),
        ("what if", "a clarifying question"), ("what about", "a clarifying question"),
        ("can you explain", "a clarifying question"), ("could you explain", "a clarifying question"),
        ("how does", "a clarifying question"), ("maybe", "ambiguous (\"maybe\")"), ("perhaps", "ambiguous (\"perhaps\")"),
        ("not sure", "ambiguous (\"not sure\")"),
    ]

    static let approvals = [
        "ok", "okay", "yes", "yep", "great", "perfect", "thanks", "thank you", "lgtm", "looks good",
        "nice", "cool", "good", "sounds good", "go ahead", "continue", "proceed", "ship it",
    ]

    static func correctionMarker(in text: String) -> String? {
        if let lead = leadingCorrections.first(where: { startsWithPhrase(text, $0) }) {
            return lead
        }
        if text == "no" { return "no" }
        return inlineCorrections.first { containsPhrase(text, $0) }
    }

    static func iterationMarker(in text: String) -> String? {
        iterationMarkers.first { containsPhrase(text, $0.0) }?.1
    }

    /// The message opens with `phrase` as whole words ("no," yes, "nobody" no).
    static func startsWithPhrase(_ text: String, _ phrase: String) -> Bool {
        guard text.hasPrefix(phrase) else { return false }
        guard let next = text.dropFirst(phrase.count).first else { return true }
        return !next.isLetter || !(phrase.last?.isLetter ?? false)
    }

    /// Word-bounded containment, so "snow also" does not match "now also".
    /// Candidates are found by bytes (`ByteSearch`); the words' edges are
    /// checked as Characters, as before.
    static func containsPhrase(_ text: String, _ phrase: String) -> Bool {
        let phraseEndsInLetter = phrase.last?.isLetter ?? false
        return ByteSearch.withUTF8(text) { hay in
            ByteSearch.withUTF8(phrase) { needle in
                var from = 0
                while let offset = ByteSearch.firstIndex(of: needle, in: hay, from: from) {
                    let start = text.utf8.index(text.startIndex, offsetBy: offset)
                    let end = text.utf8.index(start, offsetBy: needle.count)
                    let beforeOK = start == text.startIndex || !text[text.index(before: start)].isLetter
                    let afterOK = end == text.endIndex || !text[end].isLetter || !phraseEndsInLetter
                    if beforeOK && afterOK { return true }
                    from = offset + 1
                }
                return false
            }
        }
    }

    /// A coarse category from the words used; `wrong-output` when nothing more specific shows.
    static func category(of text: String) -> Category {
        let unsafe = ["rm -rf", "force push", "force-push", "secret", "password", "credential", "deleted my", "dangerous", "unsafe", "production"]
        if unsafe.contains(where: { containsPhrase(text, $0) }) { return .unsafe }
        let missing = ["you forgot", "you missed", "is missing", "are missing", "missing the", "you didn't add", "you did not add"]
        if missing.contains(where: { containsPhrase(text, $0) }) { return .missingStep }
        let ignored = ["i said", "i told you", "as i said", "i asked you", "you ignored", "doesn't follow", "does not follow", "didn't follow", "the template is", "the format is", "the convention is"]
        if ignored.contains(where: { containsPhrase(text, $0) }) { return .ignoredInstruction }
        let scope = ["didn't ask", "did not ask", "only asked", "out of scope", "not what i asked"]
        if scope.contains(where: { containsPhrase(text, $0) }) { return .outOfScope }
        let style = ["stop using", "don't use", "do not use", "never use", "style", "naming", "indentation", "formatting"]
        if style.contains(where: { containsPhrase(text, $0) }) { return .style }
        return .wrongOutput
    }
}
