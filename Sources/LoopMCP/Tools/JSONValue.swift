import Foundation
import MCP

/// Builds an MCP `Value` from JSON bytes without `Value`'s own `Decodable`
/// path: that one tests every string against a data-URL regex, which made a
/// `lessons_pending` answer with ten payloads cost ~15 ms. Decoding into this
/// plain tree and mapping it is a small fraction of that.
enum JSONValue: Decodable {
    case null, bool(Bool), int(Int), double(Double), string(String), array([JSONValue]), object([String: JSONValue])

    static func from(_ data: Data) throws -> Value {
        try JSONDecoder().decode(JSONValue.self, from: data).value
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let flag = try? container.decode(Bool.self) { self = .bool(flag) }
        else if let number = try? container.decode(Int.self) { self = .int(number) }
        else if let number = try? container.decode(Double.self) { self = .double(number) }
        else if let text = try? container.decode(String.self) { self = .string(text) }
        else if let array = try? container.decode([JSONValue].self) { self = .array(array) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    var value: Value {
        switch self {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .int(let number): .int(number)
        case .double(let number): .double(number)
        case .string(let text): .string(text)
        case .array(let array): .array(array.map(\.value))
        case .object(let object): .object(object.mapValues(\.value))
        }
    }
}
