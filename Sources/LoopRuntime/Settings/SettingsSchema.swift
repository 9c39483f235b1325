import Foundation
import LoopCore

/// Every `config.toml` key with its type, default and meaning: the single
/// description behind validation at start, `loopctl config list|get|set` and
/// the table in docs/configuration.md (a test checks the doc lists each key).
public struct SettingDescription: Sendable, Hashable, Codable {
    public enum ValueType: String, Sendable, Hashable, Codable {
        case integer, string, strings, url
    }

    /// `section.key`, e.g. `detector.settle_ms`.
    public var key: String
    public var type: ValueType
    /// The default as it would be written in TOML (`300`, `[]`, `""`).
    public var defaultValue: String
    public var help: String

    public var section: String { String(key.split(separator: ".", maxSplits: 1)[0]) }
    public var name: String { String(key.split(separator: ".", maxSplits: 1)[1]) }

    /// What a value must look like, for error messages.
    public var expected: String {
        switch type {
        case .integer: "an integer"
        case .string: "a string"
        case .strings: "an array of strings"
        case .url: "an http:// or https:// URL"
        }
    }
}

public enum SettingsSchema {
    public static let keys: [SettingDescription] = [
        .init(key: "detector.settle_ms", type: .integer, defaultValue: "300",
              help: "Quiet time (ms) after the last write to a file before it is read; `loopd --settle-ms` overrides it."),
        .init(key: "detector.transcript_lag_ms", type: .integer, defaultValue: "2000",
              help: "How long (ms) a file change waits for a transcript line that explains it; 0 judges at once."),
        .init(key: "detector.instructions", type: .strings, defaultValue: "[]",
              help: "Instructions files (AGENTS.md, CLAUDE.md) whose output is attributable."),
        .init(key: "detector.track", type: .strings, defaultValue: "[]",
              help: "Only these artifacts (shell globs over names); empty means every skill, command and subagent."),
        .init(key: "detector.ignore", type: .strings, defaultValue: "[]",
              help: "Never these artifacts (shell globs); wins over detector.track."),
        .init(key: "redaction.internal_domains", type: .strings, defaultValue: "[]",
              help: "Host names under these domains are redacted."),
        .init(key: "redaction.deny_names", type: .strings, defaultValue: "[]",
              help: "Names that are always redacted."),
        .init(key: "redaction.gitleaks_rules", type: .string, defaultValue: "\"\"",
              help: "An organisation's gitleaks-format rule file (`~` allowed), added to the built-in rules."),
        .init(key: "hub.url", type: .url, defaultValue: "\"\"",
              help: "The loophub lessons are sent to (`loopctl login` writes it)."),
        .init(key: "delivery.expire_days", type: .integer, defaultValue: "30",
              help: "Pending lessons older than this many days expire."),
    ]

    public static func describe(_ key: String) -> SettingDescription? {
        keys.first { $0.key == key }
    }

    /// Sections and their keys, for the parser's unknown-key check.
    static var sections: [String: Set<String>] {
        Dictionary(grouping: keys, by: \.section).mapValues { Set($0.map(\.name)) }
    }

    /// Turns a command-line value into an edit of `text`, or an error naming the key.
    /// Arrays are given as TOML (`["a", "b"]`) or as a comma-separated list (`a,b`).
    public static func set(_ key: String, to value: String, in text: String) throws -> String {
        guard let setting = describe(key) else {
            throw SettingError("unknown key '\(key)'; known keys: \(keys.map(\.key).joined(separator: ", "))")
        }
        switch setting.type {
        case .integer:
            guard let number = Int(value.trimmingCharacters(in: .whitespaces)), number >= 0 else {
                throw SettingError("'\(key)' must be \(setting.expected) (0 or more), not \"\(value)\"")
            }
            return TOMLEdit.setInteger(text, section: setting.section, key: setting.name, value: number)
        case .string:
            return TOMLEdit.setString(text, section: setting.section, key: setting.name, value: value)
        case .url:
            guard let url = URL(string: value), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                throw SettingError("'\(key)' must be \(setting.expected), not \"\(value)\"")
            }
            return TOMLEdit.setString(text, section: setting.section, key: setting.name, value: value)
        case .strings:
            return TOMLEdit.setStringArray(text, section: setting.section, key: setting.name, value: try strings(value, key: key))
        }
    }

    static func strings(_ value: String, key: String) throws -> [String] {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("[") {
            guard let parsed = try? TOMLSubset.parse("v = " + trimmed), let items = parsed["v"]?.strings else {
                throw SettingError("'\(key)' must be an array of strings, e.g. [\"a\", \"b\"] or a,b")
            }
            return items
        }
        return trimmed.isEmpty ? [] : trimmed.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// The value `key` has in `text` as TOML, or nil when the file does not set it.
    public static func rawValue(_ key: String, in text: String) -> TOMLValue? {
        guard let setting = describe(key), let root = try? TOMLSubset.parse(text) else { return nil }
        return root[setting.section]?.table?[setting.name]
    }

    /// A value printed the way it would be written in the file.
    public static func literal(_ value: TOMLValue) -> String {
        switch value {
        case .string(let text): TOMLEdit.quoted(text)
        case .integer(let number): String(number)
        case .float(let number): String(number)
        case .bool(let flag): String(flag)
        case .array(let items): "[" + items.map(literal).joined(separator: ", ") + "]"
        case .table, .tableArray: "{…}"
        }
    }
}

/// A `config set` refusal, worded for the terminal.
public struct SettingError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}
