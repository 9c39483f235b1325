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

    public static func parse(configTOML text: String) throws -> RedactionSettings {
        var reader = TOMLReader(text)
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
}
