import Foundation
import LoopCore
import Testing

/// `trimmingWhitespace` must trim exactly what Foundation's
/// `trimmingCharacters(in: .whitespacesAndNewlines)` trims: the decoders
/// switched from one to the other.
struct WhitespaceTrimmingTests {
    @Test func theSetIsFoundationsWhitespacesAndNewlinesForEveryScalar() {
        let foundation = CharacterSet.whitespacesAndNewlines
        var mismatches: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }  // surrogates
            if scalar.isWhitespaceOrNewline != foundation.contains(scalar) { mismatches.append(value) }
        }
        #expect(mismatches.isEmpty, "differs from Foundation at \(mismatches.prefix(10).map { String($0, radix: 16) })")
    }

    @Test(arguments: [
        "", " ", "\n\t \r\n", "abc", "  abc  ", "\n\nno, the template is X\n", "\u{3000}全角\u{3000}",
        "a \n b", "\u{2028}x\u{2029}", "\u{A0}\u{85}y\u{1680}", "e\u{301} ", " \u{301}e", "🙂\n", "\r\n",
    ])
    func trimsLikeFoundation(_ text: String) {
        #expect(String(text.trimmingWhitespace) == text.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(String(text[...].trimmingWhitespace) == text.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(text.isBlank == text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
    }
}
