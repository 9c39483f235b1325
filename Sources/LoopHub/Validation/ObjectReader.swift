/// Reads the members of one JSON object for the strict validators: every member
/// must be known (the contract has `additionalProperties: false`), every value
/// must have the declared type, and each failure names the dotted field path.
struct ObjectReader {
    let path: String
    let members: [String: JSONValue]

    init(_ value: JSONValue, path: String, allowed: Set<String>) throws(FieldError) {
        guard case .object(let members) = value else {
            throw FieldError(field: path.isEmpty ? "body" : path, expected: "an object, got \(value.typeName)")
        }
        if let unknown = members.keys.filter({ !allowed.contains($0) }).sorted().first {
            throw FieldError(field: Self.join(path, unknown), expected: "no such field (unknown fields are refused)")
        }
        self.path = path
        self.members = members
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func field(_ key: String) -> String { Self.join(path, key) }

    func object(_ key: String, allowed: Set<String>) throws(FieldError) -> ObjectReader {
        guard let value = members[key] else { throw FieldError(field: field(key), expected: "an object (required)") }
        return try ObjectReader(value, path: field(key), allowed: allowed)
    }

    func optionalObject(_ key: String, allowed: Set<String>) throws(FieldError) -> ObjectReader? {
        guard let value = members[key], value != .null else { return nil }
        return try ObjectReader(value, path: field(key), allowed: allowed)
    }

    /// A required string of 1...max characters, free of NUL and other C0 controls
    /// except tab, newline and carriage return (PostgreSQL refuses NUL in text).
    func string(_ key: String, max: Int, allowEmpty: Bool = false) throws(FieldError) -> String {
        guard let value = members[key], value != .null else {
            throw FieldError(field: field(key), expected: "a string (required)")
        }
        return try Self.checkedString(value, field: field(key), max: max, allowEmpty: allowEmpty)
    }

    func optionalString(_ key: String, max: Int) throws(FieldError) -> String? {
        guard let value = members[key], value != .null else { return nil }
        return try Self.checkedString(value, field: field(key), max: max, allowEmpty: true)
    }

    func oneOf(_ key: String, _ allowed: [String], required: Bool = true) throws(FieldError) -> String? {
        let expected = "one of " + allowed.joined(separator: ", ")
        guard let value = members[key], value != .null else {
            if required { throw FieldError(field: field(key), expected: "\(expected) (required)") }
            return nil
        }
        guard case .string(let text) = value, allowed.contains(text) else {
            throw FieldError(field: field(key), expected: expected)
        }
        return text
    }

    func number(_ key: String, in range: ClosedRange<Double>) throws(FieldError) -> Double {
        let expected = "a number from \(range.lowerBound) to \(range.upperBound)"
        guard case .number(let value) = members[key] ?? .null else {
            throw FieldError(field: field(key), expected: "\(expected) (required)")
        }
        guard value.isFinite, range.contains(value) else { throw FieldError(field: field(key), expected: expected) }
        return value
    }

    static func checkedString(_ value: JSONValue, field: String, max: Int, allowEmpty: Bool) throws(FieldError) -> String {
        guard case .string(let text) = value else {
            throw FieldError(field: field, expected: "a string, got \(value.typeName)")
        }
        if !allowEmpty && text.isEmpty { throw FieldError(field: field, expected: "a non-empty string") }
        if text.count > max { throw FieldError(field: field, expected: "at most \(max) characters, got \(text.count)") }
        let forbidden = text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r" }
        if forbidden { throw FieldError(field: field, expected: "no control characters other than tab and newline") }
        return text
    }
}
