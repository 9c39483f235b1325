import Foundation

/// One line of a text file, as the line diff compares it.
///
/// Lines are split on `"\n"` only; a `"\r"` before it stays part of `text`, so
/// CRLF files diff line by line like LF files (a CRLF -> LF conversion is a
/// change of every line, which is what it is on disk).
public struct TextLine: Hashable, Sendable {
    public var text: Substring
    /// False only for the last line of a text that does not end with `"\n"`.
    /// Two lines that differ only here are different lines, as in Claude Code's
    /// structuredPatch (jsdiff), which then writes `\ No newline at end of file`.
    public var isTerminated: Bool

    public init(text: Substring, isTerminated: Bool) {
        self.text = text
        self.isTerminated = isTerminated
    }
}

extension LineDiff {
    /// Splits a text into lines.
    ///
    /// - `""` has no lines; `"\n"` is one empty, terminated line.
    /// - `"a\nb\n"` is two terminated lines; `"a\nb"` is two lines, the last
    ///   one unterminated. A trailing newline therefore never adds an empty line.
    public static func splitLines(_ text: String) -> [TextLine] {
        var lines: [TextLine] = []
        // Walk UTF-8 bytes: as Characters, "\r\n" is one grapheme and would never equal "\n".
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = start
        while index < utf8.endIndex {
            if utf8[index] == UInt8(ascii: "\n") {
                lines.append(TextLine(text: text[start..<index], isTerminated: true))
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        if start < text.endIndex {
            lines.append(TextLine(text: text[start...], isTerminated: false))
        }
        return lines
    }
}
