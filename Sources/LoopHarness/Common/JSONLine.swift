import Foundation

/// One JSONL line read as a JSON object, the same way for every harness.
enum JSONLine {
    enum Reading {
        /// Only whitespace: nothing to decode, and nothing wrong.
        case blank
        case object(JSONObject)
        /// Why the line cannot be read, for a `DecodeIssue`.
        case unreadable(String)
    }

    static func read(_ line: some Collection<UInt8>) -> Reading {
        let bytes = Data(line)
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return .blank }
        guard String(data: bytes, encoding: .utf8) != nil else { return .unreadable("line is not valid UTF-8") }
        guard let parsed = try? JSONSerialization.jsonObject(with: bytes, options: [.fragmentsAllowed]) else {
            return .unreadable("line is not valid JSON")
        }
        guard let object = parsed as? JSONObject else { return .unreadable("line is JSON but not an object") }
        return .object(object)
    }
}
