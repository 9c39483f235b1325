import Foundation
import Testing
@testable import LoopHub

/// The hub's body parser accepts exactly RFC 8259 JSON and reads it like JSONSerialization.
@Suite struct JSONValueParserTests {
    @Test func readsValidDocuments() throws {
        let documents = [
            #"{"a":"x","b":[1,-2.5,3e2,0,-0.0],"c":{"d":null,"e":true,"f":false},"g":[]}"#,
            #"  {"esc":"q\" b\\ s\/ \b\f\n\r\t \u00e9 \ud83d\ude00 中"}  "#,
            #"{"dup":1,"dup":2}"#, #"[{"a":{}}]"#, #""text""#, "42", "null",
        ]
        for text in documents {
            let parsed = try JSONValueParser.parse(Array(text.utf8))
            let expected = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
            #expect(Self.same(parsed, expected), "\(text)")
        }
        #expect(try JSONValueParser.parse(Array(#"{"dup":1,"dup":2}"#.utf8)) == .object(["dup": .number(2)]))
    }

    @Test func refusesWhatRFC8259Refuses() {
        let deep = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        let bad = [
            "", " ", "{", "{}x", "{\"a\":1,}", "[1,]", "{'a':1}", "{a:1}", "[01]", "[1.]", "[.5]", "[-]", "[1e]", "[+1]",
            "[tru]", "[nul]", "[\"\u{1}\"]", #"["\x"]"#, #"["\u12"]"#, #"["\ud800"]"#, #"["\udc00"]"#, #"["\ud800\u0041"]"#,
            "[\"unterminated]", "{\"a\" 1}", "[1 2]", "// c\n{}", deep, "[1e999]",
        ]
        for text in bad {
            #expect(throws: JSONValueParser.Failure.self, "\(text.prefix(40))") { try JSONValueParser.parse(Array(text.utf8)) }
        }
    }

    static func same(_ value: JSONValue, _ other: Any) -> Bool {
        switch (value, other) {
        case (.null, is NSNull): return true
        case (.bool(let a), let b as Bool): return a == b
        case (.number(let a), let b as NSNumber): return a == b.doubleValue
        case (.string(let a), let b as String): return a == b
        case (.array(let a), let b as [Any]): return a.count == b.count && zip(a, b).allSatisfy { same($0, $1) }
        case (.object(let a), let b as [String: Any]): return a.count == b.count && a.allSatisfy { key, v in b[key].map { same(v, $0) } ?? false }
        default: return false
        }
    }
}
