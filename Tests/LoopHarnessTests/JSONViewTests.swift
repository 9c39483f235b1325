import Foundation
import LoopTestSupport
import Testing
@testable import LoopHarness

/// The on-demand JSON reader the JSONL decoders use, checked against
/// JSONSerialization: on every line of every Claude Code and Codex fixture
/// the two must read the same values, and hand-made edge cases pin down what
/// is accepted, what is refused, and how strings decode.
@Suite struct JSONViewTests {
    @Test func readsEveryFixtureLineLikeJSONSerialization() throws {
        var files: [URL] = []
        for folder in ["transcripts/claude-code", "transcripts/codex"] {
            let root = Fixtures.url(folder)
            let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
            while let url = enumerator?.nextObject() as? URL {
                if url.pathExtension == "jsonl" { files.append(url) }
            }
        }
        try #require(files.count >= 10, "fixtures under \(Fixtures.root.path)")
        var lines = 0
        for file in files {
            let data = try Data(contentsOf: file)
            for (index, line) in data.split(separator: UInt8(ascii: "\n")).enumerated() {
                guard let expected = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else { continue }
                guard case .object(let view) = JSONLine.read(line) else {
                    Issue.record("\(file.lastPathComponent):\(index + 1) was refused")
                    continue
                }
                let same = Self.same(Self.foundation(view), expected)
                #expect(same, "\(file.lastPathComponent):\(index + 1) reads differently")
                lines += 1
            }
        }
        #expect(lines > 1_000)
    }

    @Test func decodesEscapesAndSurrogates() throws {
        let object = try #require(view(#"{"a":"x\"y\\z\/\b\f\n\r\t","e":"\u00e9\u4e2d","pair":"\ud83d\ude00","lone":"\ud800!","plain":"héllo"}"#))
        #expect(object.string("a") == "x\"y\\z/\u{8}\u{c}\n\r\t")
        #expect(object.string("e") == "é中")
        #expect(object.string("pair") == "😀")
        #expect(object.string("lone") == "\u{FFFD}!")
        #expect(object.string("plain") == "héllo")
        #expect(view(#"{"bad":"\x"}"#)?.string("bad") == nil, "an unknown escape is no string")
    }

    @Test func keysWithEscapesDuplicatesAndKinds() throws {
        let object = try #require(view(#"{"k\u0065y":1,"dup":"first","dup":"last","n":-12.5e1,"i":42,"f":3.9,"t":true,"no":false,"z":null,"o":{},"arr":[1,"two",{"x":[]}]}"#))
        #expect(object.int("key") == 1, "a key is compared decoded")
        #expect(object.string("dup") == "last", "the last duplicate wins, as in JSONSerialization")
        #expect(object.int("n") == -125)
        #expect(object.int("i") == 42)
        #expect(object.int("f") == 3)
        #expect(object.bool("t") == true && object.bool("no") == false && object.bool("z") == nil)
        #expect(object.object("o")?.isEmpty == true)
        #expect(object.array("arr")?.count == 3)
        #expect(object.array("arr")?[1].string == "two")
        #expect(object.objects("arr").count == 1)
        #expect(object.string("i") == nil && object.object("arr") == nil && object.string("missing") == nil)
        #expect(object.keys.sorted() == ["arr", "dup", "dup", "f", "i", "key", "n", "no", "o", "t", "z"])
    }

    @Test func comparesStringsWithoutDecodingThem() throws {
        let object = try #require(view(#"{"a":"session-1","e":"sessi\u006fn-1","empty":"","n":1,"é":"héllo"}"#))
        #expect(object.value("a")?.isString(equalTo: "session-1") == true)
        #expect(object.value("a")?.isString(equalTo: "session-10") == false)
        #expect(object.value("a")?.isString(equalTo: "session-2") == false)
        #expect(object.value("e")?.isString(equalTo: "session-1") == true, "an escaped string is compared decoded")
        #expect(object.value("empty")?.isString(equalTo: "") == true)
        #expect(object.value("n")?.isString(equalTo: "1") == false, "a number is not a string")
        #expect(object.value("é")?.isString(equalTo: "héllo") == true)
    }

    @Test func refusesMalformedLines() {
        let refused = [
            #"{"a":1"#, #"{"a":1}}"#, #"{"a":1} x"#, #"{"a" 1}"#, #"{"a":1,}"#, #"{"a":[1,2}"#, #"{"a":{"b":]}"#,
            #"{"a":tru}"#, #"{"a":-}"#, #"{"a":1.}"#, #"{a:1}"#, #"{"a":"unterminated}"#, #"{"a":"x\"}"#, "[1,2]", "\"text\"", "42",
        ]
        for line in refused {
            guard case .unreadable = JSONLine.read(Array(line.utf8)) else {
                Issue.record("accepted \(line)")
                continue
            }
        }
        guard case .unreadable(let why) = JSONLine.read([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D]) else {
            Issue.record("invalid UTF-8 accepted")
            return
        }
        #expect(why == "line is not valid UTF-8")
        guard case .blank = JSONLine.read(Array("  \t\r".utf8)) else {
            Issue.record("whitespace is a blank line")
            return
        }
    }

    @Test func deepNestingAndEscapedQuotesInSkippedValues() throws {
        let deep = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        let object = try #require(view(#"{"deep":"# + deep + #","after":"ok","s":"a\\\\\"b\\","t":1}"#))
        #expect(object.string("after") == "ok", "200 levels are skipped (deeper than the 64-bit stack)")
        #expect(object.string("s") == "a\\\\\"b\\")
        #expect(object.int("t") == 1)
        #expect(view(#"{"deep":"# + String(repeating: "[", count: 100) + String(repeating: "]", count: 99) + "}") == nil)
    }

    // MARK: - Helpers

    private func view(_ text: String) -> JSONObjectView? {
        guard case .object(let object) = JSONLine.read(Array(text.utf8)) else { return nil }
        return object
    }

    /// The view converted to what JSONSerialization builds.
    static func foundation(_ object: JSONObjectView) -> [String: Any] {
        var result: [String: Any] = [:]
        for key in object.keys {
            result[key] = object.value(key).map(foundation)
        }
        return result
    }

    static func foundation(_ value: JSONValueView) -> Any {
        switch value.kind {
        case .object: return value.object.map(foundation) ?? NSNull()
        case .array: return (value.array ?? []).map(foundation)
        case .string: return value.string ?? NSNull()
        case .bool: return value.bool!
        case .null: return NSNull()
        case .number:
            let text = String(decoding: value.rawBytes, as: UTF8.self)
            return Int(text).map { NSNumber(value: $0) } ?? NSNumber(value: Double(text) ?? .nan)
        }
    }

    static func same(_ a: Any, _ b: Any) -> Bool {
        switch (a, b) {
        case let (x as [String: Any], y as [String: Any]):
            return x.count == y.count && x.allSatisfy { key, value in y[key].map { same(value, $0) } ?? false }
        case let (x as [Any], y as [Any]):
            return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case let (x as String, y as String):
            return x == y
        case let (x as Bool, y as Bool):
            return x == y
        case let (x as NSNumber, y as NSNumber):
            // Foundation's parser may round the last digit of a long fraction differently.
            return abs(x.doubleValue - y.doubleValue) <= 1e-12 * max(1, abs(x.doubleValue))
        case (is NSNull, is NSNull):
            return true
        default:
            return false
        }
    }
}
