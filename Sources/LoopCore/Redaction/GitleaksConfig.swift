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
        let root = try TOMLSubset.parse(text)
        var rules: [OrgRule] = []
        for table in root["rules"]?.tables ?? [] {
            var rule = OrgRule(id: try string(table, "id") ?? "", regex: try string(table, "regex") ?? "")
            if rule.id.isEmpty { throw TOMLError.at(table.headerLine, "[[rules]] without an id") }
            if let keywords = try strings(table, "keywords") { rule.keywords = keywords }
            if let entropy = try number(table, "entropy") { rule.entropy = entropy }
            if let group = try number(table, "secretGroup") { rule.secretGroup = Int(group) }
            for list in allowlists(in: table) { try apply(list, to: &rule.allowlist) }
            if rule.regex.isEmpty {
                // A rule on file names only (gitleaks' `pkcs12-file`) has nothing to find in text.
                guard table["path"] != nil else { throw TOMLError.at(table.headerLine, "rule \(rule.id) has no regex") }
                continue
            }
            rules.append(rule)
        }
        var global = OrgAllowlist()
        for list in allowlists(in: root) { try apply(list, to: &global) }
        return (rules, global)
    }

    /// `allowlist` (one table) or `allowlists` (an array of tables), in a rule or at the top.
    private static func allowlists(in table: TOMLTable) -> [TOMLTable] {
        [table["allowlist"]?.table].compactMap { $0 } + (table["allowlists"]?.tables ?? [])
    }

    private static func apply(_ table: TOMLTable, to list: inout OrgAllowlist) throws {
        list.regexes += try strings(table, "regexes") ?? []
        list.stopwords += try strings(table, "stopwords") ?? []
        list.paths += try strings(table, "paths") ?? []
        if let name = try string(table, "regexTarget") {
            guard let target = OrgAllowlist.Target(rawValue: name) else {
                throw TOMLError.at(table.lines["regexTarget"] ?? table.headerLine, "regexTarget must be secret, match or line, not \(name)")
            }
            list.regexTarget = target
        }
    }

    private static func string(_ table: TOMLTable, _ key: String) throws -> String? {
        guard let value = table[key] else { return nil }
        guard let string = value.string else { throw TOMLError.at(table.lines[key] ?? 0, "\(key) must be a string") }
        return string
    }

    private static func strings(_ table: TOMLTable, _ key: String) throws -> [String]? {
        guard let value = table[key] else { return nil }
        guard let strings = value.strings else { throw TOMLError.at(table.lines[key] ?? 0, "\(key) must be an array of strings") }
        return strings
    }

    private static func number(_ table: TOMLTable, _ key: String) throws -> Double? {
        guard let value = table[key] else { return nil }
        guard let number = value.double else { throw TOMLError.at(table.lines[key] ?? 0, "\(key) must be a number") }
        return number
    }
}
