import Foundation
import LoopCore
import LoopHarness

/// `$XDG_CONFIG_HOME/loop/config.toml`, validated: an unknown key or a value of
/// the wrong type is an error naming the key and its line. Every key is
/// optional; docs/configuration.md lists them.
public struct LoopSettings: Sendable, Hashable {
    public var settleMilliseconds = 300
    public var transcriptLagMilliseconds = 2_000
    public var trackedInstructions: [String] = []
    public var track: [String] = []
    public var ignore: [String] = []
    public var internalDomains: [String] = []
    public var denyNames: [String] = []
    /// An organisation's gitleaks-format rule file (`~` allowed).
    public var gitleaksRulesPath: String?
    /// The hub lessons are sent to (`loopctl login` writes it).
    public var hubURL: String?
    /// Pending lessons older than this many days expire.
    public var expireDays = 30

    public init() {}

    public struct Invalid: Error, CustomStringConvertible, Sendable {
        public var file: String
        public var line: Int
        public var message: String
        public var description: String { "\(file):\(line): \(message)" }
    }

    /// Known sections and keys, from the one description in SettingsSchema.swift.
    static var schema: [String: Set<String>] { SettingsSchema.sections }

    public static func load(paths: LoopPaths) throws -> LoopSettings {
        let file = (paths.configDir as NSString).appendingPathComponent("config.toml")
        guard let data = FileManager.default.contents(atPath: file) else { return LoopSettings() }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Invalid(file: file, line: 1, message: "not UTF-8 text")
        }
        return try parse(text, file: file)
    }

    public static func parse(_ text: String, file: String) throws -> LoopSettings {
        let root: TOMLTable
        do {
            root = try TOMLSubset.parse(text)
        } catch {
            throw Invalid(file: file, line: error.line, message: error.message)
        }
        var settings = LoopSettings()
        for section in root.keys {
            guard let allowed = schema[section], let table = root[section]?.table else {
                throw Invalid(file: file, line: root.lines[section] ?? 1, message: "unknown section or key '\(section)'; known sections: \(schema.keys.sorted().joined(separator: ", "))")
            }
            for key in table.keys where !allowed.contains(key) {
                throw Invalid(file: file, line: table.lines[key] ?? 1, message: "unknown key '\(section).\(key)'; known keys: \(allowed.sorted().joined(separator: ", "))")
            }
            func value<T>(_ key: String, _ read: (TOMLValue) -> T?, _ expected: String) throws -> T? {
                guard let raw = table[key] else { return nil }
                guard let typed = read(raw) else {
                    throw Invalid(file: file, line: table.lines[key] ?? 1, message: "'\(section).\(key)' must be \(expected), found \(raw.typeName)")
                }
                return typed
            }
            switch section {
            case "detector":
                if let v = try value("settle_ms", \.integer, "an integer (milliseconds)") { settings.settleMilliseconds = max(0, v) }
                if let v = try value("transcript_lag_ms", \.integer, "an integer (milliseconds)") { settings.transcriptLagMilliseconds = max(0, v) }
                if let v = try value("instructions", \.strings, "an array of strings") { settings.trackedInstructions = v }
                if let v = try value("track", \.strings, "an array of strings") { settings.track = v }
                if let v = try value("ignore", \.strings, "an array of strings") { settings.ignore = v }
            case "hub":
                if let v = try value("url", \.string, "a string (http://host:port)") {
                    guard URL(string: v)?.scheme.map({ ["http", "https"].contains($0) }) == true else {
                        throw Invalid(file: file, line: table.lines["url"] ?? 1, message: "'hub.url' must be an http:// or https:// URL, found \"\(v)\"")
                    }
                    settings.hubURL = v
                }
            case "delivery":
                if let v = try value("expire_days", \.integer, "an integer (days)") { settings.expireDays = max(1, v) }
            default:
                if let v = try value("internal_domains", \.strings, "an array of strings") { settings.internalDomains = v }
                if let v = try value("deny_names", \.strings, "an array of strings") { settings.denyNames = v }
                if let v = try value("gitleaks_rules", \.string, "a string (a file path)") { settings.gitleaksRulesPath = v }
            }
        }
        return settings
    }

    public var detectorConfig: DetectorConfig {
        DetectorConfig(
            trackedInstructions: trackedInstructions, track: track, ignore: ignore,
            transcriptLag: Double(transcriptLagMilliseconds) / 1000)
    }

    public func redactionContext(machine: MachineIdentity, repositoryRoot: String? = nil) -> RedactionContext {
        RedactionContext(
            userName: machine.userName, homeDirectory: machine.home, hostName: machine.hostName,
            repositoryRoot: repositoryRoot, internalDomains: internalDomains, denyNames: denyNames)
    }

    public func daemonOptions(paths: LoopPaths, machine: MachineIdentity, version: String, environment: [String: String]) throws -> DaemonOptions {
        var options = DaemonOptions(
            transcriptRoots: [
                TranscriptRoot(path: paths.claudeProjectsDir, kind: .claudeCode),
                TranscriptRoot(path: (paths.codexHome as NSString).appendingPathComponent("sessions"), kind: .codex),
                TranscriptRoot(path: (paths.codexHome as NSString).appendingPathComponent("archived_sessions"), kind: .codex),
                TranscriptRoot(path: OpenCodeLayout(environment: environment, home: paths.home).dataDirectory, kind: .opencode),
            ],
            outboxPath: paths.outboxPath, runtimeDirectory: paths.runtimeDir,
            settle: .milliseconds(settleMilliseconds), detector: detectorConfig,
            redactor: try RedactorFactory.make(settings: self, machine: machine), clientVersion: version)
        options.paths = paths
        options.expireAfter = TimeInterval(expireDays) * 86_400
        return options
    }
}
