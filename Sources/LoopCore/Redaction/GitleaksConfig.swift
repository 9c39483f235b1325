/// Reads the subset of gitleaks' TOML that org rule files use: `[[rules]]` with `id`,
/// `regex`, `keywords`, `entropy`, `secretGroup`, per-rule `[rules.allowlist]` /
/// `[[rules.allowlists]]`, and the global `[allowlist]` / `[[allowlists]]`. Other keys
/// (`description`, `path`, `tags`, `title`, `[extend]`) are accepted and ignored.
public enum GitleaksConfig {
    public static func parse(_ text: String) throws -> OrgRuleSet {
        let (rules, allowlist) = try parseRules(text)
        return try OrgRuleSet(rules: rules, allowlist: allowlist)
    }

    /// The rules and global allowlist without compiling regexes.
    public static func parseRules(_ text: String) throws -> ([OrgRule], OrgAllowlist) {
        var reader = TOMLReader(text)
        var rules: [OrgRule] = []
        var global = OrgAllowlist()
        enum Section { case top, rule, ruleAllowlist, globalAllowlist, ignored }
        var section = Section.top
        var ruleStartLine = 0
        var ruleHasPath = false

        func finishRule() throws {
            guard let last = rules.last else { return }
            if last.id.isEmpty { throw TOMLError.at(ruleStartLine, "[[rules]] without an id") }
            if last.regex.isEmpty {
                // A rule on file names only (gitleaks' `pkcs12-file`) has nothing to find in text.
                guard ruleHasPath else { throw TOMLError.at(ruleStartLine, "rule \(last.id) has no regex") }
                rules.removeLast()
            }
        }

        while let item = try reader.next() {
            switch item {
            case .table(let name, let isArray, let line):
                switch (name, isArray) {
                case ("rules", true):
                    try finishRule()
                    rules.append(OrgRule(id: "", regex: ""))
                    section = .rule
                    ruleStartLine = line
                    ruleHasPath = false
                case ("rules.allowlist", _), ("rules.allowlists", _):
                    guard !rules.isEmpty else { throw TOMLError.at(line, "[\(name)] before any [[rules]]") }
                    section = .ruleAllowlist
                case ("allowlist", _), ("allowlists", _): section = .globalAllowlist
                default: section = .ignored
                }
            case .pair(let key, let value, let line):
                switch section {
                case .rule:
                    var rule = rules[rules.count - 1]
                    switch key {
                    case "id": rule.id = try value.string(key, line)
                    case "regex": rule.regex = try value.string(key, line)
                    case "keywords": rule.keywords = try value.strings(key, line)
                    case "entropy": rule.entropy = try value.number(key, line)
                    case "secretGroup": rule.secretGroup = Int(try value.number(key, line))
                    case "path": ruleHasPath = true
                    default: break
                    }
                    rules[rules.count - 1] = rule
                case .ruleAllowlist:
                    try apply(key, value, line, to: &rules[rules.count - 1].allowlist)
                case .globalAllowlist:
                    try apply(key, value, line, to: &global)
                case .top, .ignored:
                    break
                }
            }
        }
        try finishRule()
        return (rules, global)
    }

    private static func apply(_ key: String, _ value: TOMLValue, _ line: Int, to list: inout OrgAllowlist) throws {
        switch key {
        case "regexes": list.regexes += try value.strings(key, line)
        case "stopwords": list.stopwords += try value.strings(key, line)
        case "paths": list.paths += try value.strings(key, line)
        case "regexTarget":
            let name = try value.string(key, line)
            guard let target = OrgAllowlist.Target(rawValue: name) else {
                throw TOMLError.at(line, "regexTarget must be secret, match or line, not \(name)")
            }
            list.regexTarget = target
        default: break
        }
    }
}
