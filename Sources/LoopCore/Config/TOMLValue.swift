/// A parsed TOML value (the subset loop reads: see `TOMLSubset`).
public enum TOMLValue: Sendable, Hashable {
    case string(String)
    case integer(Int)
    case float(Double)
    case bool(Bool)
    case array([TOMLValue])
    case table(TOMLTable)
    case tableArray([TOMLTable])

    public var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var integer: Int? {
        if case .integer(let value) = self { return value }
        return nil
    }

    public var double: Double? {
        switch self {
        case .float(let value): value
        case .integer(let value): Double(value)
        default: nil
        }
    }

    public var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public var strings: [String]? {
        guard case .array(let items) = self else { return nil }
        let strings = items.compactMap(\.string)
        return strings.count == items.count ? strings : nil
    }

    public var table: TOMLTable? {
        if case .table(let value) = self { return value }
        return nil
    }

    public var tables: [TOMLTable]? {
        if case .tableArray(let value) = self { return value }
        return nil
    }

    /// The TOML type name, for error messages ("expected a string, found an integer").
    public var typeName: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a float"
        case .bool: "a boolean"
        case .array: "an array"
        case .table: "a table"
        case .tableArray: "an array of tables"
        }
    }
}

/// Keys in file order, with the line each key was defined on (for errors).
public struct TOMLTable: Sendable, Hashable {
    /// The line of the `[table]` / `[[table]]` header that opened it (0 for the root).
    public internal(set) var headerLine = 0
    public private(set) var keys: [String] = []
    public private(set) var values: [String: TOMLValue] = [:]
    public private(set) var lines: [String: Int] = [:]

    public init() {}

    public subscript(key: String) -> TOMLValue? {
        values[key]
    }

    mutating func set(_ key: String, _ value: TOMLValue, line: Int) {
        if values[key] == nil { keys.append(key) }
        values[key] = value
        lines[key] = line
    }
}

public struct TOMLError: Error, Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var description: String { "line \(line): \(message)" }

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    static func at(_ line: Int, _ message: String) -> TOMLError { TOMLError(line: line, message: message) }
}
