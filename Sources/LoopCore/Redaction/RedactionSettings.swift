import Foundation

/// The `[redaction]` table of loop's config.toml:
///
///     [redaction]
///     gitleaks_rules = "~/.config/loop/gitleaks.toml"   # org rules, gitleaks format
///     internal_domains = ["corp.example.com"]
///     deny_names = ["Jane Doe"]
///
/// Parsing only; the caller reads the files.
public struct RedactionSettings: Sendable, Equatable {
    public var gitleaksRulesPath: String?
    public var internalDomains: [String] = []
    public var denyNames: [String] = []

    public init(gitleaksRulesPath: String? = nil, internalDomains: [String] = [], denyNames: [String] = []) {
        self.gitleaksRulesPath = gitleaksRulesPath
        self.internalDomains = internalDomains
        self.denyNames = denyNames
    }

    /// Only the `[redaction]` table is read; the rest of the file belongs to other parts
    /// of loop and may use TOML this minimal reader does not know. Errors keep the
    /// file's line numbers.
    public static func parse(configTOML text: String) throws -> RedactionSettings {
        var reader = TOMLReader(redactionSection(of: text))
        var settings = RedactionSettings()
        var inRedaction = false
        while let item = try reader.next() {
            switch item {
            case .table(let name, _, _): inRedaction = name == "redaction"
            case .pair(let key, let value, let line) where inRedaction:
                switch key {
                case "gitleaks_rules": settings.gitleaksRulesPath = try value.string(key, line)
                case "internal_domains": settings.internalDomains = try value.strings(key, line)
                case "deny_names": settings.denyNames = try value.strings(key, line)
                default: break
                }
            case .pair: break
            }
        }
        return settings
    }

    /// The file with every line outside `[redaction]` blanked (so line numbers stay).
    static func redactionSection(of text: String) -> String {
        var inside = false
        var lines: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if isTableHeader(trimmed) { inside = trimmed.hasPrefix("[redaction]") }
            lines.append(inside ? line : "")
        }
        return lines.joined(separator: "\n")
    }

    /// `[name]` or `[[name]]`, optionally followed by a comment; not an array's `]` line.
    static func isTableHeader(_ line: String) -> Bool {
        guard line.hasPrefix("["), let close = line.firstIndex(of: "]") else { return false }
        let name = line[line.index(after: line.startIndex)..<close].trimmingCharacters(in: CharacterSet(charactersIn: "[ "))
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "_.-".contains($0) }) else { return false }
        let rest = line[line.index(after: close)...].trimmingCharacters(in: CharacterSet(charactersIn: "] \t"))
        return rest.isEmpty || rest.hasPrefix("#")
    }
}
