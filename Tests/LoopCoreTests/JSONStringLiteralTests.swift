import Foundation
import Testing
@testable import LoopCore

@Suite struct JSONStringLiteralTests {
    @Test func roundTripsThroughJSONSerialization() throws {
        let samples = ["", "plain", "quote \" backslash \\ slash /", "tab\tnew\nline\rcr", "\u{0}\u{1}\u{1F}\u{7F}",
                       "é 中 😀 \u{2028}", String(repeating: "{\"k\":[1,2]}\n", count: 200)]
        for text in samples {
            let literal = JSONStringLiteral.quoted(text)
            let parsed = try JSONSerialization.jsonObject(with: Data("[\(literal)]".utf8)) as? [String]
            #expect(parsed == [text], "\(text.debugDescription)")
        }
        #expect(JSONStringLiteral.quoted("a\"b\u{1}") == #""a\"b\u0001""#)
    }
}
