#if canImport(Glibc)
import Glibc
#endif

/// One JSON value inside a transcript line, read on demand.
///
/// Why not JSONSerialization: a Claude Code line is mostly one or two huge
/// strings (a file's content in a tool result) that the decoder never looks
/// at, and building a Foundation tree with a Swift `String` for every value
/// was half of loop's ingest time (docs/performance.md). A view only records
/// where each member of an object starts and ends; strings are skipped with
/// `memchr` and decoded only when asked for, numbers parsed only when asked for.
///
/// Strictness: the structure of every container that is read is checked
/// (quotes, colons, commas, brackets, nesting), so a truncated or garbled line
/// is still an issue. What lies inside a value nobody reads is only skipped:
/// a bad escape or a control character in an unread string is not reported.
/// The line as a whole must be valid UTF-8 (`JSONLine` checks it first).
struct JSONValueView: Sendable {
    /// The whole line; shared, never copied, by every view into it.
    let bytes: [UInt8]
    /// This value's bytes (for a string: with its quotes).
    let range: Range<Int>

    enum Kind: Sendable { case object, array, string, number, bool, null }

    var kind: Kind {
        switch bytes[range.lowerBound] {
        case UInt8(ascii: "{"): .object
        case UInt8(ascii: "["): .array
        case UInt8(ascii: "\""): .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): .bool
        case UInt8(ascii: "n"): .null
        default: .number
        }
    }

    var string: String? {
        guard kind == .string else { return nil }
        return bytes.withUnsafeBufferPointer { JSONScanner.decodeString($0, (range.lowerBound + 1)..<(range.upperBound - 1)) }
    }

    var object: JSONObjectView? {
        guard kind == .object else { return nil }
        return JSONObjectView(bytes: bytes, range: range)
    }

    /// The elements, or nil when this is not an array (or is malformed).
    var array: [JSONValueView]? {
        guard kind == .array else { return nil }
        guard let ranges = bytes.withUnsafeBufferPointer({ JSONScanner.elements($0, range) }) else { return nil }
        return ranges.map { JSONValueView(bytes: bytes, range: $0) }
    }

    var bool: Bool? {
        switch bytes[range.lowerBound] {
        case UInt8(ascii: "t"): true
        case UInt8(ascii: "f"): false
        default: nil
        }
    }

    /// An integer, or a number with a fraction truncated toward zero (as NSNumber.intValue does).
    var int: Int? {
        guard kind == .number else { return nil }
        let text = String(decoding: bytes[range], as: UTF8.self)
        if let value = Int(text) { return value }
        guard let double = Double(text), double.isFinite, abs(double) < 9.2e18 else { return nil }
        return Int(double)
    }

    var isString: Bool { kind == .string }
}

/// An object inside a line, with its members located once (keys and value
/// ranges), so repeated lookups do not rescan it.
struct JSONObjectView: Sendable {
    let bytes: [UInt8]
    /// (key without quotes, whether the key has escapes, the value).
    private let members: [(key: Range<Int>, escaped: Bool, value: Range<Int>)]

    /// Nil when the object is malformed.
    init?(bytes: [UInt8], range: Range<Int>) {
        guard let members = bytes.withUnsafeBufferPointer({ JSONScanner.members($0, range) }) else { return nil }
        self.bytes = bytes
        self.members = members
    }

    /// The top-level object of a line; nil when the line is not exactly one JSON object.
    init?(line bytes: [UInt8]) {
        guard let range = bytes.withUnsafeBufferPointer({ JSONScanner.topLevelObject($0) }) else { return nil }
        self.init(bytes: bytes, range: range)
    }

    var isEmpty: Bool { members.isEmpty }

    var keys: [String] {
        bytes.withUnsafeBufferPointer { p in members.compactMap { JSONScanner.decodeString(p, $0.key) } }
    }

    /// The member's value; with duplicate keys the last one wins, as in JSONSerialization.
    func value(_ key: String) -> JSONValueView? {
        var wanted = key
        return wanted.withUTF8 { needle in
            bytes.withUnsafeBufferPointer { p in
                for member in members.reversed() {
                    let matches = member.escaped
                        ? JSONScanner.decodeString(p, member.key).map { $0 == key } ?? false
                        : member.key.count == needle.count
                            && memcmp(p.baseAddress! + member.key.lowerBound, needle.baseAddress!, needle.count) == 0
                    if matches { return JSONValueView(bytes: bytes, range: member.value) }
                }
                return nil
            }
        }
    }

    func contains(_ key: String) -> Bool { value(key) != nil }
    func string(_ key: String) -> String? { value(key)?.string }
    func object(_ key: String) -> JSONObjectView? { value(key)?.object }
    func array(_ key: String) -> [JSONValueView]? { value(key)?.array }
    func objects(_ key: String) -> [JSONObjectView] { array(key)?.compactMap(\.object) ?? [] }
    func bool(_ key: String) -> Bool? { value(key)?.bool }
    func int(_ key: String) -> Int? { value(key)?.int }
}
