/// Word splitting and white-space folding for text that is all ASCII, byte by
/// byte.
///
/// Why: the detector folds white space and splits words in every message the
/// user types (`CorrectionLanguage.normalize`, `RecentInstruction.words`).
/// Done by `Character`, each character is a grapheme break and a Unicode
/// property lookup, and that was a fifth of a first-start backfill
/// (docs/performance.md). On ASCII text the answers are plain byte classes:
/// white space is tab, U+000A–U+000D and space (`Character.isWhitespace`
/// there), letters and digits are A–Z, a–z and 0–9 (`isLetter`, `isNumber`),
/// and "\r\n", the one multi-byte ASCII character, is white space either way.
/// `ASCIIWordsTests` checks both against the `Character` forms.
public enum ASCIIWords {
    /// The text's words, joined by one space: runs of white space become one
    /// space, none at either end. Nil when the text is not all ASCII.
    public static func foldingWhitespace(_ text: String) -> String? {
        var folded: [UInt8] = []
        folded.reserveCapacity(text.utf8.count)
        var spaceDue = false
        for byte in text.utf8 {
            guard byte < 0x80 else { return nil }
            if isWhitespace(byte) {
                spaceDue = !folded.isEmpty
                continue
            }
            if spaceDue {
                folded.append(0x20)
                spaceDue = false
            }
            folded.append(byte)
        }
        return String(decoding: folded, as: UTF8.self)
    }

    /// The runs of letters and digits, in order. Nil when the text is not all ASCII.
    public static func alphanumericRuns(_ text: String) -> [Substring]? {
        var runs: [Substring] = []
        var runStart: String.Index?
        let utf8 = text.utf8
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            guard byte < 0x80 else { return nil }
            if isAlphanumeric(byte) {
                if runStart == nil { runStart = index }
            } else if let start = runStart {
                runs.append(text[start..<index])
                runStart = nil
            }
            utf8.formIndex(after: &index)
        }
        if let start = runStart { runs.append(text[start..<utf8.endIndex]) }
        return runs
    }

    @inline(__always) static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    @inline(__always) static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
