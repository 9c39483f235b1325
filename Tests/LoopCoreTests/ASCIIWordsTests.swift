import LoopCore
import LoopTestSupport
import Testing

/// `ASCIIWords` stands in for the `Character`-based folding and splitting on
/// ASCII text, so on ASCII text it must give exactly what they give.
struct ASCIIWordsTests {
    func characterFold(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    func characterWords(_ text: String) -> [String] {
        text.split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }

    func check(_ text: String) -> Bool {
        ASCIIWords.foldingWhitespace(text) == characterFold(text)
            && ASCIIWords.alphanumericRuns(text)?.map(String.init) == characterWords(text)
    }

    @Test func everyPairOfASCIIBytesBetweenLetters() {
        var disagreements: [[UInt8]] = []
        for a in 0..<128 {
            for b in 0..<128 {
                let bytes: [UInt8] = [UInt8(ascii: "x"), UInt8(a), UInt8(b), UInt8(ascii: "y")]
                if !check(String(decoding: bytes, as: UTF8.self)) { disagreements.append(bytes) }
                if !check(String(decoding: bytes.dropFirst().dropLast(), as: UTF8.self)) { disagreements.append(Array(bytes.dropFirst().dropLast())) }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    }

    @Test func seededASCIIStrings() {
        var random = SplitMix(state: 0xA5C11)
        // Mostly the bytes that matter: white space, CR LF, letters, digits, punctuation.
        let alphabet: [UInt8] = Array(" \t\r\n\u{0B}\u{0C}aZ9_-'.,\u{1F}\u{7F}".utf8)
        var disagreements: [String] = []
        for _ in 0..<20_000 {
            let count = Int(random.next() % 24)
            let text = String(decoding: (0..<count).map { _ in random.pick(alphabet) }, as: UTF8.self)
            if !check(text) { disagreements.append(text) }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5).map(\.debugDescription))")
    }

    @Test func textThatIsNotASCIIIsLeftToTheCharacterPath() {
        #expect(ASCIIWords.foldingWhitespace("naïve  text") == nil)
        #expect(ASCIIWords.alphanumericRuns("don’t") == nil)
        #expect(ASCIIWords.foldingWhitespace("  no,\r\n  the template\tis X ") == "no, the template is X")
        #expect(ASCIIWords.alphanumericRuns("use snake_case, v2!")?.map(String.init) == ["use", "snake", "case", "v2"])
    }
}
