import Foundation
@testable import LoopHarness
import LoopTestSupport
import Testing

/// The byte-level check the decoder uses to skip lines without events must
/// never accept a line JSONSerialization rejects, and must find the same
/// top-level "type" and "sessionId".
struct ClaudeCodeLineScanTests {
    static func scan(_ text: String) -> ClaudeCodeLineScan? {
        Array(text.utf8).withUnsafeBufferPointer { ClaudeCodeLineScan.scan($0) }
    }

    static func field(_ text: String, _ range: Range<Int>?) -> String? {
        range.map { String(decoding: Array(text.utf8)[$0], as: UTF8.self) }
    }

    @Test func agreesWithJSONSerializationOnEveryFixtureLine() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixtures.claudeCode.path)
            .filter { $0.hasSuffix(".jsonl") }
        #expect(!files.isEmpty)
        var accepted = 0
        for file in files {
            let text = try String(contentsOf: Fixtures.claudeCode.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n").map(String.init) {
                guard let scan = Self.scan(line) else { continue }
                accepted += 1
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                #expect(Self.field(line, scan.type) == object["type"] as? String)
                #expect(Self.field(line, scan.sessionID) == object["sessionId"] as? String)
            }
        }
        #expect(accepted > 1000, "most fixture lines are simple enough for the fast check")
    }

    @Test(arguments: [
        "", "   ", "[]", "\"progress\"", "{", "{\"type\":\"progress\"", "{\"type\":\"progress\",}",
        "{\"type\":\"progress\"} x", "{\"type\":progress}", "{\"type\":\"pro\u{01}gress\"}",
        "{\"type\":\"progress\",\"a\":tru}", "{\"type\":\"progress\",\"a\":01}", "{\"type\":\"progress\",\"a\":1e5}",
        "{\"type\":\"progress\",\"a\":\"\\x\"}", "{\"type\":\"progress\",\"a\":\"\\ud800\"}",
        "{\"type\":\"progress\",\"type\":\"user\"}", "{\"ty\\u0070e\":\"user\",\"type\":\"progress\"}",
        "{\"type\":[\"progress\"]}", "{\"type\":\"progress\",\"a\":[1,]}", "{\"type\":\"progress\" \"a\":1}",
    ])
    func rejectsWhatItCannotVouchFor(_ line: String) {
        #expect(Self.scan(line) == nil)
    }

    @Test func rejectsInvalidUTF8() {
        var bytes = Array("{\"type\":\"progress\",\"a\":\"x\"}".utf8)
        bytes[24] = 0xC0
        #expect(bytes.withUnsafeBufferPointer { ClaudeCodeLineScan.scan($0) } == nil)
    }

    @Test func findsTopLevelFieldsOnly() throws {
        let line = #"{"data":{"type":"user","sessionId":"inner"},"type":"progress","n":-1.5,"ok":[true,false,null,{}],"sessionId":"s-1","t":"é\n"}"#
        let scan = try #require(Self.scan(line))
        #expect(Self.field(line, scan.type) == "progress")
        #expect(Self.field(line, scan.sessionID) == "s-1")
    }
}
