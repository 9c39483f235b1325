import Foundation

/// Any JSON value, decoded strictly: booleans, numbers and strings stay distinct
/// (Foundation's JSONDecoder refuses `true` as a number and `1` as a string), so
/// the wire-contract validator can say exactly which field had the wrong type.
public enum JSONValue: Sendable, Hashable, Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        // Tried in the order values occur in lessons (strings, then objects), because
        // every failed attempt costs a thrown DecodingError.
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([String: JSONValue].self) {
            self = .object(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else {
            self = .array(try container.decode([JSONValue].self))
        }
    }

    /// The JSON type name used in validation messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// Parses a request body. Invalid UTF-8, trailing garbage and syntax errors all
    /// become a `FieldError` with a plain message (never the decoder's debug dump).
    public static func parse(_ data: Data) throws(FieldError) -> JSONValue {
        guard String(validating: data, as: UTF8.self) != nil else {
            throw FieldError(field: "body", expected: "UTF-8 encoded JSON")
        }
        do {
            return try JSONValueParser.parse(Array(data))
        } catch {
            throw FieldError(field: "body", expected: "a well-formed JSON document")
        }
    }
}
