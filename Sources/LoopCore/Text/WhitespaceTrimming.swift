/// Trimming white space without Foundation.
///
/// Why: on Linux, `trimmingCharacters(in: .whitespacesAndNewlines)` bridges
/// the text to NSString and converts all of it to UTF-16, even when there is
/// nothing to trim: 9 % of transcript ingest was that, for texts the decoders
/// trim to look at their first characters (docs/performance.md). This looks
/// at the ends only.
///
/// The set is Foundation's `CharacterSet.whitespacesAndNewlines` on this
/// platform: Unicode's White_Space property (general category Zs, tab,
/// U+000A–U+000D, U+0085, U+2028, U+2029) plus U+200B ZERO WIDTH SPACE, which
/// Foundation keeps from when it was Zs. `WhitespaceTrimmingTests` compares
/// the two over every scalar.
extension StringProtocol {
    /// The text without leading and trailing white space and newlines.
    public var trimmingWhitespace: Substring {
        let scalars = Substring(self).unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, scalars[start].isWhitespaceOrNewline { scalars.formIndex(after: &start) }
        while start < end {
            let last = scalars.index(before: end)
            guard scalars[last].isWhitespaceOrNewline else { break }
            end = last
        }
        return Substring(scalars[start..<end])
    }

    /// True when the text is empty or only white space and newlines.
    public var isBlank: Bool {
        unicodeScalars.allSatisfy(\.isWhitespaceOrNewline)
    }
}

extension Unicode.Scalar {
    /// Foundation's `CharacterSet.whitespacesAndNewlines`: White_Space and U+200B.
    public var isWhitespaceOrNewline: Bool {
        if value < 0x80 { return value == 0x20 || (0x09...0x0D).contains(value) }
        return properties.isWhitespace || value == 0x200B
    }
}
