import LoopCore

/// A strict RFC 8259 parser from bytes straight to `JSONValue`.
///
/// Why not `JSONDecoder` into `JSONValue: Decodable`: decoding an untyped
/// value through Codable means trying each type in turn and throwing for each
/// miss; it was the largest single cost of an ingest (docs/hub.md). This reads
/// each byte once and accepts exactly what RFC 8259 allows: no trailing commas,
/// no comments, no leading zeros, no control characters or bad escapes in
/// strings, surrogate escapes only in pairs, one value and nothing after it.
/// Duplicate keys keep the last value. Nesting deeper than `maxDepth` is refused.
struct JSONValueParser {
    static let maxDepth = 128

    enum Failure: Error { case invalid }

    private let bytes: [UInt8]
    private var i = 0

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    static func parse(_ bytes: [UInt8]) throws(Failure) -> JSONValue {
        var parser = JSONValueParser(bytes)
        parser.skipWhitespace()
        let value = try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.i == bytes.count else { throw .invalid }
        return value
    }

    private mutating func skipWhitespace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
    }

    private mutating func value(depth: Int) throws(Failure) -> JSONValue {
        guard i < bytes.count, depth <= Self.maxDepth else { throw .invalid }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try object(depth: depth + 1)
        case UInt8(ascii: "["): return try array(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: return .number(try number())
        }
    }

    private mutating func object(depth: Int) throws(Failure) -> JSONValue {
        i += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw .invalid }
            let key = try string()
            skipWhitespace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw .invalid }
            i += 1
            skipWhitespace()
            members[key] = try value(depth: depth)
            guard try more(before: UInt8(ascii: "}")) else { return .object(members) }
        }
    }

    private mutating func array(depth: Int) throws(Failure) -> JSONValue {
        i += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(elements) }
        while true {
            skipWhitespace()
            elements.append(try value(depth: depth))
            guard try more(before: UInt8(ascii: "]")) else { return .array(elements) }
        }
    }

    /// After a member or element: true past a `,` (another follows), false
    /// past `closer` (the container ends); anything else is invalid.
    private mutating func more(before closer: UInt8) throws(Failure) -> Bool {
        skipWhitespace()
        guard i < bytes.count else { throw .invalid }
        if bytes[i] == UInt8(ascii: ",") { i += 1; return true }
        guard bytes[i] == closer else { throw .invalid }
        i += 1
        return false
    }

    private mutating func literal(_ word: String) throws(Failure) {
        for byte in word.utf8 {
            guard i < bytes.count, bytes[i] == byte else { throw .invalid }
            i += 1
        }
    }

    private mutating func number() throws(Failure) -> Double {
        let start = i
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < bytes.count, isDigit(bytes[i]) else { throw .invalid }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
        } else {
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard i < bytes.count, isDigit(bytes[i]) else { throw .invalid }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count, isDigit(bytes[i]) else { throw .invalid }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        guard let value = Double(String(decoding: bytes[start..<i], as: UTF8.self)), value.isFinite else { throw .invalid }
        return value
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// A string starting at the opening quote; the bytes were checked to be UTF-8 already.
    private mutating func string() throws(Failure) -> String {
        i += 1
        let start = i
        // Fast path: no escapes.
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") {
                defer { i += 1 }
                return String(decoding: bytes[start..<i], as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") { break }
            guard byte >= 0x20 else { throw .invalid }
            i += 1
        }
        var out = Array(bytes[start..<i])
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: out, as: UTF8.self)
            }
            guard byte >= 0x20 else { throw .invalid }
            guard byte == UInt8(ascii: "\\") else { out.append(byte); i += 1; continue }
            let next = bytes.withUnsafeBufferPointer { p in
                JSONEscape.decode(p, at: i, limit: p.count, into: &out, loneSurrogate: .reject)
            }
            guard let next else { throw .invalid }
            i = next
        }
        throw .invalid
    }
}
