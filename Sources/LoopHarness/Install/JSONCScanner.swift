import Foundation

/// Where the members of a JSON or JSONC object sit in the text, so a config
/// can be edited in place: everything outside the edited member (comments,
/// key order, formatting) stays byte for byte. Offsets index UTF-8 bytes.
struct JSONCScanner {
    struct Member {
        var key: String
        var keyStart: Int
        var valueStart: Int
        /// Exclusive.
        var valueEnd: Int
    }

    struct Object {
        var open: Int
        var close: Int
        var members: [Member]

        func member(_ key: String) -> Member? { members.first { $0.key == key } }
    }

    struct Malformed: Error, CustomStringConvertible {
        var offset: Int
        var description: String { "not valid JSON/JSONC near byte \(offset); fix the file or edit it by hand" }
    }

    /// A key that appears twice in one object, with the lines (1-based) of each.
    struct DuplicateKey: Error, CustomStringConvertible {
        var path: [String]
        var lines: [Int]
        var description: String {
            "the key \(path.joined(separator: ".")) appears \(lines.count) times (lines "
                + lines.map(String.init).joined(separator: ", ")
                + "); JSON readers disagree on which one counts, so loop will not edit the file. Merge them into one, then run loopctl again"
        }
    }

    let bytes: [UInt8]

    /// The 1-based line of a byte offset.
    func line(at offset: Int) -> Int { bytes[..<offset].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 } }

    init(_ text: String) { bytes = Array(text.utf8) }

    /// The top-level object; nil when the text is empty (only whitespace/comments).
    func root() throws -> Object? {
        let start = skip(0)
        guard start < bytes.count else { return nil }
        guard bytes[start] == UInt8(ascii: "{") else { throw Malformed(offset: start) }
        return try object(at: start)
    }

    func object(at open: Int) throws -> Object {
        var members: [Member] = []
        var i = skip(open + 1)
        while i < bytes.count, bytes[i] != UInt8(ascii: "}") {
            guard bytes[i] == UInt8(ascii: "\"") else { throw Malformed(offset: i) }
            let keyStart = i
            let keyEnd = try stringEnd(i)
            let keyData = Data(bytes[i..<keyEnd])
            let key = (try? JSONDecoder().decode(String.self, from: keyData)) ?? ""
            i = skip(keyEnd)
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw Malformed(offset: i) }
            let valueStart = skip(i + 1)
            let valueEnd = try valueEnd(valueStart)
            members.append(Member(key: key, keyStart: keyStart, valueStart: valueStart, valueEnd: valueEnd))
            i = skip(valueEnd)
            if i < bytes.count, bytes[i] == UInt8(ascii: ",") { i = skip(i + 1) }
        }
        guard i < bytes.count else { throw Malformed(offset: i) }
        return Object(open: open, close: i, members: members)
    }

    /// Skips whitespace, `// …` and `/* … */`.
    func skip(_ start: Int) -> Int {
        var i = start
        while i < bytes.count {
            let byte = bytes[i]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                i += 1
            } else if byte == UInt8(ascii: "/"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "/") {
                while i < bytes.count, bytes[i] != 0x0A { i += 1 }
            } else if byte == UInt8(ascii: "/"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "*") {
                i += 2
                while i + 1 < bytes.count, !(bytes[i] == UInt8(ascii: "*") && bytes[i + 1] == UInt8(ascii: "/")) { i += 1 }
                i += 2
            } else {
                return i
            }
        }
        return bytes.count
    }

    func stringEnd(_ start: Int) throws -> Int {
        var i = start + 1
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "\\") { i += 2; continue }
            if bytes[i] == UInt8(ascii: "\"") { return i + 1 }
            i += 1
        }
        throw Malformed(offset: start)
    }

    func valueEnd(_ start: Int) throws -> Int {
        guard start < bytes.count else { throw Malformed(offset: start) }
        switch bytes[start] {
        case UInt8(ascii: "\""):
            return try stringEnd(start)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var i = start
            while i < bytes.count {
                switch bytes[i] {
                case UInt8(ascii: "\""): i = try stringEnd(i); continue
                case UInt8(ascii: "/"):
                    let next = skip(i)
                    if next != i { i = next; continue }
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return i + 1 }
                default: break
                }
                i += 1
            }
            throw Malformed(offset: start)
        default:
            var i = start
            while i < bytes.count, !",}] \t\r\n/".utf8.contains(bytes[i]) { i += 1 }
            guard i > start else { throw Malformed(offset: start) }
            return i
        }
    }
}
