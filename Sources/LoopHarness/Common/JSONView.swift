import LoopCore

/// One JSON value inside a transcript line, read on demand.
///
/// Why not JSONSerialization: a Claude Code line is mostly one or two huge
/// strings (a file's content in a tool result) that the decoder never looks
/// at, and building a Foundation tree with a Swift `String` for every value
/// was half of loop's ingest time (docs/performance.md). The line's
/// `JSONTape` says where each value is; strings are decoded only when asked
/// for, numbers parsed only when asked for.
///
/// Strictness: the whole structure is checked (quotes, colons, commas,
/// brackets, literals, numbers), so a truncated or garbled line is an issue.
/// Inside strings only the closing quote is looked for: a bad escape or a
/// control character in a string nobody reads is not reported. The line as a
/// whole must be valid UTF-8 (`JSONLine` checks it first).
struct JSONValueView: Sendable {
    let tape: JSONTape
    /// This value's entry in the tape.
    let index: Int

    enum Kind: Sendable { case object, array, string, number, bool, null }

    /// The value's own bytes (a string's with its quotes).
    var rawBytes: ArraySlice<UInt8> { tape.slice(range) }
    var range: Range<Int> { tape.entries[index].start..<tape.entries[index].end }

    var kind: Kind {
        switch tape.byte(at: tape.entries[index].start) {
        case UInt8(ascii: "{"): .object
        case UInt8(ascii: "["): .array
        case UInt8(ascii: "\""): .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): .bool
        case UInt8(ascii: "n"): .null
        default: .number
        }
    }

    var string: String? {
        kind == .string ? tape.decodedString(at: index) : nil
    }

    /// The string's bytes as they are in the line (escapes and all), to decode later if at all.
    var escapedString: JSONEscapedString? {
        kind == .string ? JSONEscapedString(bytes: Array(tape.slice(tape.stringContents(at: index)))) : nil
    }

    var object: JSONObjectView? {
        kind == .object ? JSONObjectView(tape: tape, index: index) : nil
    }

    /// The elements, or nil when this is not an array.
    var array: [JSONValueView]? {
        guard kind == .array else { return nil }
        var elements: [JSONValueView] = []
        var child = index + 1
        while child < tape.entries[index].after {
            elements.append(JSONValueView(tape: tape, index: child))
            child = tape.entries[child].after
        }
        return elements
    }

    var bool: Bool? {
        switch tape.byte(at: tape.entries[index].start) {
        case UInt8(ascii: "t"): true
        case UInt8(ascii: "f"): false
        default: nil
        }
    }

    /// An integer, or a number with a fraction truncated toward zero (as NSNumber.intValue does).
    var int: Int? {
        guard kind == .number else { return nil }
        let text = String(decoding: rawBytes, as: UTF8.self)
        if let value = Int(text) { return value }
        guard let double = Double(text), double.isFinite, abs(double) < 9.2e18 else { return nil }
        return Int(double)
    }

    var isString: Bool { kind == .string }

    /// Whether this is a string equal to `text`, compared without decoding
    /// when it has no escapes (most lines of a session repeat its id).
    func isString(equalTo text: String) -> Bool {
        guard isString else { return false }
        return ByteSearch.withUTF8(text) { utf8 in
            tape.bytes.withUnsafeBufferPointer { JSONScanner.stringContents($0, tape.stringContents(at: index), equal: text, utf8: utf8) }
        }
    }
}

/// An object inside a line: its members are consecutive (key, value) entries
/// of the tape, walked without rescanning any bytes.
struct JSONObjectView: Sendable {
    let tape: JSONTape
    let index: Int

    /// The top-level object of a line; nil when the line is not exactly one JSON object.
    init?(line bytes: ArraySlice<UInt8>) {
        guard let tape = JSONTape.parse(line: bytes) else { return nil }
        self.init(tape: tape, index: 0)
    }

    init(tape: JSONTape, index: Int) {
        self.tape = tape
        self.index = index
    }

    var isEmpty: Bool { tape.entries[index].after == index + 1 }

    var keys: [String] {
        var keys: [String] = []
        forEachMember { key, _ in keys.append(tape.decodedString(at: key) ?? "") }
        return keys
    }

    /// The member's value; with duplicate keys the last one wins, as in JSONSerialization.
    func value(_ key: String) -> JSONValueView? {
        var found: Int?
        var wanted = key
        wanted.withUTF8 { needle in
            tape.bytes.withUnsafeBufferPointer { p in
                forEachMember { keyEntry, valueEntry in
                    if JSONScanner.stringContents(p, tape.stringContents(at: keyEntry), equal: key, utf8: needle) {
                        found = valueEntry
                    }
                }
            }
        }
        return found.map { JSONValueView(tape: tape, index: $0) }
    }

    func contains(_ key: String) -> Bool { value(key) != nil }
    func string(_ key: String) -> String? { value(key)?.string }
    func object(_ key: String) -> JSONObjectView? { value(key)?.object }
    func array(_ key: String) -> [JSONValueView]? { value(key)?.array }
    func objects(_ key: String) -> [JSONObjectView] { array(key)?.compactMap(\.object) ?? [] }
    func bool(_ key: String) -> Bool? { value(key)?.bool }
    func int(_ key: String) -> Int? { value(key)?.int }

    private func forEachMember(_ body: (_ key: Int, _ value: Int) -> Void) {
        var key = index + 1
        let end = tape.entries[index].after
        while key < end {
            body(key, key + 1)
            key = tape.entries[key + 1].after
        }
    }
}

/// A JSON string's contents still escaped, copied out of its line: a copy is
/// a memcpy, decoding is a pass and a UTF-8 check, so keep this when the text
/// may never be needed. The bytes come from a line that passed the UTF-8 check.
struct JSONEscapedString: Sendable, Hashable {
    let bytes: [UInt8]

    var decoded: String? {
        bytes.withUnsafeBufferPointer { JSONScanner.decodeString($0, 0..<$0.count) }
    }
}
