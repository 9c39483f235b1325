@testable import LoopCore
import Testing

/// The reading of typed messages, on the forms the byte-level search and the
/// ASCII fast path must not change: curly quotes, white space of every kind,
/// word edges, non-ASCII text around a phrase.
struct CorrectionLanguageTests {
    @Test func normalizeFoldsSpaceLowersAndStraightensQuotes() {
        #expect(CorrectionLanguage.normalize("  No,\r\n the   TEMPLATE\tis X ") == "no, the template is x")
        #expect(CorrectionLanguage.normalize("That’s ‘wrong’ — naïve\u{00A0}text") == "that's 'wrong' — naïve text")
    }

    @Test func phrasesAreFoundOnWholeWordsOnly() {
        #expect(CorrectionLanguage.containsPhrase("you forgot the header", "you forgot"))
        #expect(!CorrectionLanguage.containsPhrase("snow also fell", "now also"))
        #expect(CorrectionLanguage.containsPhrase("snow also fell, now also add x", "now also"), "a later whole-word match counts")
        #expect(!CorrectionLanguage.containsPhrase("it is wrongly named", "is wrong"))
        #expect(CorrectionLanguage.containsPhrase("é is wrong", "is wrong"))
        #expect(!CorrectionLanguage.containsPhrase("ais wrong", "is wrong"))
        #expect(!CorrectionLanguage.containsPhrase("éis wrong", "is wrong"), "a non-ASCII letter is a word edge too")
        #expect(CorrectionLanguage.containsPhrase("no — that's it", "no —"))
    }

    @Test func readingsOfTypicalMessages() {
        #expect(CorrectionLanguage.read("That’s wrong, the template is X") == .correction(marker: "that's wrong", category: .ignoredInstruction))
        #expect(CorrectionLanguage.read("Great, now also add tests") == .iteration(reason: "approval (\"great\")"))
        #expect(CorrectionLanguage.read("no, also add X") == .iteration(reason: "a new requirement (\"also add\")"))
        #expect(CorrectionLanguage.read("what does this do?") == .iteration(reason: "a question without correction language"))
        #expect(CorrectionLanguage.read("add a README") == .none)
    }
}
