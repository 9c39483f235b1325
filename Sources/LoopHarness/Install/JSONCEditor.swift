import Foundation

/// In-place edits of one member of a JSON/JSONC config (`~/.claude.json`,
/// `opencode.json`): the rest of the file, comments and key order included,
/// is left exactly as it was.
enum JSONCEditor {
    /// The value at `path` (objects all the way), decoded as plain JSON; nil when
    /// absent or not plain JSON (e.g. it holds comments).
    static func value(in text: String, at path: [String]) throws -> Any? {
        let scanner = JSONCScanner(text)
        guard let member = try member(scanner, path) else { return nil }
        let slice = Data(scanner.bytes[member.valueStart..<member.valueEnd])
        return try? JSONSerialization.jsonObject(with: slice, options: [.fragmentsAllowed])
    }

    /// Sets `path` to `value`, creating missing parent objects. Returns the new
    /// text, how many leading parts of `path` had to be created, and what was
    /// inside the deepest existing parent when it was empty (`{}`, `{ }`): an
    /// exact uninstall removes the created parents and restores that interior.
    static func set(_ value: Any, at path: [String], in text: String) throws -> (text: String, created: Int, parentInterior: String?) {
        precondition(!path.isEmpty)
        var text = text
        let scanner0 = JSONCScanner(text)
        var parentInterior: String?
        for depth in stride(from: path.count - 1, through: 0, by: -1) {
            guard let parent = try object(scanner0, Array(path.prefix(depth))) else { continue }
            parentInterior = parent.members.isEmpty ? whitespace(scanner0.bytes[(parent.open + 1)..<parent.close]) : nil
            break
        }
        if try scanner0.root() == nil {
            text = text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? "{\n}\n" : text + "\n{\n}\n"
        }
        var created = 0
        for depth in 1..<path.count {
            let scanner = JSONCScanner(text)
            if try member(scanner, Array(path.prefix(depth))) == nil {
                text = try insert(key: path[depth - 1], valueText: "{}", into: Array(path.prefix(depth - 1)), text)
                created = created == depth - 1 ? depth : created
            }
        }
        let scanner = JSONCScanner(text)
        if let existing = try member(scanner, path) {
            let indent = indentation(scanner.bytes, before: existing.keyStart)
            var bytes = scanner.bytes
            bytes.replaceSubrange(existing.valueStart..<existing.valueEnd, with: Array(try render(value, indent: indent).utf8))
            return (String(decoding: bytes, as: UTF8.self), created, nil)
        }
        let inserted = try insert(key: path[path.count - 1], valueText: nil, value: value, into: Array(path.dropLast()), text)
        return (inserted, path.count == 1 ? 0 : created, parentInterior)
    }

    /// Removes the member at `path`, and then the `removeParents` innermost
    /// parents if they are left empty. Absent members are not an error.
    /// `parentInterior` (from ``set(_:at:in:)``) then replaces the inside of
    /// the parent that remains, if it is left empty.
    static func remove(at path: [String], removeParents: Int = 0, parentInterior: String? = nil, in text: String) throws -> String {
        var text = try removeMember(at: path, text)
        var parent = Array(path.dropLast())
        for _ in 0..<removeParents where !parent.isEmpty {
            let scanner = JSONCScanner(text)
            guard let member = try member(scanner, parent), scanner.bytes[member.valueStart] == UInt8(ascii: "{"),
                  try scanner.object(at: member.valueStart).members.isEmpty else { break }
            text = try removeMember(at: parent, text)
            parent.removeLast()
        }
        let scanner = JSONCScanner(text)
        if let parentInterior, let object = try object(scanner, parent), object.members.isEmpty,
           whitespace(scanner.bytes[(object.open + 1)..<object.close]) != nil {
            var bytes = scanner.bytes
            bytes.replaceSubrange((object.open + 1)..<object.close, with: Array(parentInterior.utf8))
            text = String(decoding: bytes, as: UTF8.self)
        }
        return text
    }

    // MARK: - Internals

    static func member(_ scanner: JSONCScanner, _ path: [String]) throws -> JSONCScanner.Member? {
        guard var object = try scanner.root() else { return nil }
        var found: JSONCScanner.Member?
        for (index, key) in path.enumerated() {
            let matches = object.members.filter { $0.key == key }
            // JSON readers disagree on which duplicate counts (Node takes the last): no safe edit.
            guard matches.count < 2 else {
                throw JSONCScanner.DuplicateKey(path: Array(path.prefix(index + 1)), lines: matches.map { scanner.line(at: $0.keyStart) })
            }
            guard let member = matches.first else { return nil }
            found = member
            if index < path.count - 1 {
                guard scanner.bytes[member.valueStart] == UInt8(ascii: "{") else { return nil }
                object = try scanner.object(at: member.valueStart)
            }
        }
        return found
    }

    static func object(_ scanner: JSONCScanner, _ path: [String]) throws -> JSONCScanner.Object? {
        if path.isEmpty { return try scanner.root() }
        guard let member = try member(scanner, path), scanner.bytes[member.valueStart] == UInt8(ascii: "{") else { return nil }
        return try scanner.object(at: member.valueStart)
    }

    private static func insert(key: String, valueText: String?, value: Any? = nil, into path: [String], _ text: String) throws -> String {
        let scanner = JSONCScanner(text)
        guard let object = try object(scanner, path) else { throw JSONCScanner.Malformed(offset: 0) }
        var bytes = scanner.bytes
        let keyText = String(decoding: try JSONSerialization.data(withJSONObject: key, options: [.fragmentsAllowed, .withoutEscapingSlashes]), as: UTF8.self)
        // The indentation of the line that opens this object (its member's key).
        let closeIndent = try path.isEmpty ? "" : member(scanner, path).map { indentation(bytes, before: $0.keyStart) } ?? ""
        let indent: String
        if let first = object.members.first {
            indent = indentation(bytes, before: first.keyStart)
        } else {
            indent = closeIndent + "  "
        }
        let rendered = try valueText ?? render(value as Any, indent: indent)
        let entry = "\(keyText): \(rendered)"
        guard let last = object.members.last else {
            let interior = bytes[(object.open + 1)..<object.close]
            if interior.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) {
                bytes.replaceSubrange((object.open + 1)..<object.close, with: Array("\n\(indent)\(entry)\n\(closeIndent)".utf8))
            } else {
                bytes.insert(contentsOf: Array("\n\(indent)\(entry)".utf8), at: object.open + 1)
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        let next = scanner.skip(last.valueEnd)
        if next < bytes.count, bytes[next] == UInt8(ascii: ",") {
            // A trailing comma (JSONC) stays a trailing comma.
            bytes.insert(contentsOf: Array("\n\(indent)\(entry),".utf8), at: endOfLine(bytes, after: next + 1))
        } else {
            let at = endOfLine(bytes, after: last.valueEnd)
            bytes.insert(contentsOf: Array("\n\(indent)\(entry)".utf8), at: at)
            bytes.insert(UInt8(ascii: ","), at: last.valueEnd)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func removeMember(at path: [String], _ text: String) throws -> String {
        let scanner = JSONCScanner(text)
        guard let object = try object(scanner, Array(path.dropLast())),
              let index = object.members.firstIndex(where: { $0.key == path.last }) else { return text }
        var bytes = scanner.bytes
        let member = object.members[index]
        let start = lineStart(bytes, before: member.keyStart)
        let next = scanner.skip(member.valueEnd)
        if next < bytes.count, bytes[next] == UInt8(ascii: ",") {
            var end = endOfLine(bytes, after: next + 1)
            if start < member.keyStart || (start > 0 && bytes[start - 1] == 0x0A), end < bytes.count, bytes[end] == 0x0A { end += 1 }
            bytes.removeSubrange(start..<end)
            return String(decoding: bytes, as: UTF8.self)
        }
        // The last member: undo what insert did, a comma after the previous value
        // and "\n<indent>member" after that value's line (and its comment).
        let onOwnLine = start > 0 && bytes[start - 1] == 0x0A
        var lower = onOwnLine ? start - 1 : member.keyStart
        if onOwnLine, lower > 0, bytes[lower - 1] == 0x0D { lower -= 1 }
        var comma: Int?
        if index > 0 {
            let previous = object.members[index - 1]
            let separator = scanner.skip(previous.valueEnd)
            if onOwnLine, separator < lower, bytes[separator] == UInt8(ascii: ",") {
                comma = separator
            } else {
                lower = previous.valueEnd
            }
        }
        bytes.removeSubrange(lower..<member.valueEnd)
        if let comma { bytes.remove(at: comma) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `bytes` as text when they are only whitespace, else nil.
    static func whitespace(_ bytes: ArraySlice<UInt8>) -> String? {
        bytes.allSatisfy { [0x20, 0x09, 0x0A, 0x0D].contains($0) } ? String(decoding: bytes, as: UTF8.self) : nil
    }

    /// Whitespace between the line start and `offset`, when only whitespace precedes it.
    static func indentation(_ bytes: [UInt8], before offset: Int) -> String {
        let start = lineStart(bytes, before: offset)
        return String(decoding: bytes[start..<offset], as: UTF8.self)
    }

    static func lineStart(_ bytes: [UInt8], before offset: Int) -> Int {
        var i = offset
        while i > 0, bytes[i - 1] == 0x20 || bytes[i - 1] == 0x09 { i -= 1 }
        return (i == 0 || bytes[i - 1] == 0x0A) ? i : offset
    }

    /// Past trailing spaces and a `// comment` on the same line (not the newline).
    static func endOfLine(_ bytes: [UInt8], after offset: Int) -> Int {
        var i = offset
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        if i + 1 < bytes.count, bytes[i] == UInt8(ascii: "/"), bytes[i + 1] == UInt8(ascii: "/") {
            while i < bytes.count, bytes[i] != 0x0A { i += 1 }
            return i
        }
        return i < bytes.count && bytes[i] == 0x0A ? i : offset
    }

    /// Pretty JSON the way people and Claude Code write it (`"key": value`,
    /// two-space steps), sorted keys, continuation lines shifted to `indent`.
    static func render(_ value: Any, indent: String) throws -> String {
        switch value {
        case let text as String:
            return String(decoding: try JSONSerialization.data(withJSONObject: text, options: [.fragmentsAllowed, .withoutEscapingSlashes]), as: UTF8.self)
        case let flag as Bool:
            return flag ? "true" : "false"
        case let number as Int:
            return String(number)
        case let array as [Any]:
            guard !array.isEmpty else { return "[]" }
            let items = try array.map { indent + "  " + (try render($0, indent: indent + "  ")) }
            return "[\n" + items.joined(separator: ",\n") + "\n" + indent + "]"
        case let object as [String: Any]:
            guard !object.isEmpty else { return "{}" }
            let items = try object.keys.sorted().map { key in
                indent + "  " + (try render(key, indent: "")) + ": " + (try render(object[key]!, indent: indent + "  "))
            }
            return "{\n" + items.joined(separator: ",\n") + "\n" + indent + "}"
        default:
            throw JSONCScanner.Malformed(offset: 0)
        }
    }
}
