import Foundation
import MCP

/// Typed access to a tool call's arguments, with errors a model can act on.
struct ToolArguments: Sendable {
    let tool: String
    let values: [String: Value]

    init(tool: String, _ values: [String: Value]?) {
        self.tool = tool
        self.values = values ?? [:]
    }

    func string(_ key: String) throws -> String? {
        guard let value = values[key], !value.isNull else { return nil }
        guard let text = value.stringValue else {
            throw ToolError(.invalidArguments, "\(tool): `\(key)` must be a string")
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : text
    }

    func requiredString(_ key: String) throws -> String {
        guard let text = try string(key) else {
            throw ToolError(.invalidArguments, "\(tool): `\(key)` is required and must be a non-empty string")
        }
        return text
    }

    func integer(_ key: String, default fallback: Int, range: ClosedRange<Int>) throws -> Int {
        guard let value = values[key], !value.isNull else { return fallback }
        let number = value.intValue ?? value.doubleValue.flatMap { $0 == $0.rounded() ? Int(exactly: $0) : nil }
        guard let number, range.contains(number) else {
            throw ToolError(.invalidArguments, "\(tool): `\(key)` must be an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    func strings(_ key: String) throws -> [String] {
        guard let value = values[key], !value.isNull else { return [] }
        if let single = value.stringValue { return [single] }
        guard let array = value.arrayValue else {
            throw ToolError(.invalidArguments, "\(tool): `\(key)` must be an array of strings")
        }
        return try array.map {
            guard let text = $0.stringValue else { throw ToolError(.invalidArguments, "\(tool): `\(key)` must be an array of strings") }
            return text
        }
    }

    /// One of `allowed`, case-insensitive.
    func choice(_ key: String, _ allowed: [String], required: Bool) throws -> String? {
        guard let text = try string(key)?.lowercased() else {
            if required { throw ToolError(.invalidArguments, "\(tool): `\(key)` is required: one of \(allowed.joined(separator: ", "))") }
            return nil
        }
        guard allowed.contains(text) else {
            throw ToolError(.invalidArguments, "\(tool): `\(key)` must be one of \(allowed.joined(separator: ", ")), not \(text)")
        }
        return text
    }
}
