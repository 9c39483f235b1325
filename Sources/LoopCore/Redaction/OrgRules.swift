import Foundation

/// One rule from an organisation's gitleaks-format file.
public struct OrgRule: Sendable {
    public var id: String
    public var regex: String
    public var keywords: [String]
    public var entropy: Double?
    public var secretGroup: Int?
    public var allowlist: OrgAllowlist

    public init(id: String, regex: String, keywords: [String] = [], entropy: Double? = nil, secretGroup: Int? = nil,
                allowlist: OrgAllowlist = OrgAllowlist()) {
        self.id = id
        self.regex = regex
        self.keywords = keywords
        self.entropy = entropy
        self.secretGroup = secretGroup
        self.allowlist = allowlist
    }
}

/// Values that a rule (or every rule) must let through. `paths` are kept for fidelity
/// but do not apply: a lesson's text has no file path.
public struct OrgAllowlist: Sendable {
    /// What `regexes` are matched against, as gitleaks' `regexTarget`.
    public enum Target: String, Sendable { case secret, match, line }

    public var regexes: [String]
    public var stopwords: [String]
    public var paths: [String]
    public var regexTarget: Target
    public init(regexes: [String] = [], stopwords: [String] = [], paths: [String] = [], regexTarget: Target = .secret) {
        self.regexes = regexes
        self.stopwords = stopwords
        self.paths = paths
        self.regexTarget = regexTarget
    }
    public var isEmpty: Bool { regexes.isEmpty && stopwords.isEmpty }
}

/// Compiled org rules. Each rule's regex runs only on texts containing one of its
/// keywords, the same gate gitleaks uses, so a large rule file stays cheap.
public struct OrgRuleSet: Sendable {
    struct Compiled: @unchecked Sendable {  // NSRegularExpression is immutable and thread-safe once built.
        let rule: OrgRule
        let regex: NSRegularExpression
        let allow: [NSRegularExpression]
        let keywords: [String]
    }

    public let rules: [OrgRule]
    let compiled: [Compiled]
    let globalAllow: [NSRegularExpression]
    let globalStopwords: [String]

    public var isEmpty: Bool { compiled.isEmpty && globalAllow.isEmpty && globalStopwords.isEmpty }
    var hasGlobalAllowlist: Bool { !globalAllow.isEmpty || !globalStopwords.isEmpty }

    /// The global `[allowlist]` applies to every rule, built-in ones included, as in gitleaks.
    func isGloballyAllowed(_ value: String) -> Bool {
        let lowered = value.lowercased()
        if globalStopwords.contains(where: { lowered.contains($0) }) { return true }
        let whole = NSRange(location: 0, length: (value as NSString).length)
        return globalAllow.contains { $0.firstMatch(in: value, range: whole) != nil }
    }

    public init() { self.init(uncheckedRules: [], allowlist: OrgAllowlist()) }

    /// Compiles the rules; a regex that does not compile is an error naming its rule.
    public init(rules: [OrgRule], allowlist: OrgAllowlist = OrgAllowlist()) throws {
        var compiled: [Compiled] = []
        for rule in rules {
            let regex = try Self.compile(rule.regex, rule: rule.id)
            let allow = try rule.allowlist.regexes.map { try Self.compile($0, rule: rule.id) }
            compiled.append(Compiled(rule: rule, regex: regex, allow: allow, keywords: rule.keywords.map { $0.lowercased() }))
        }
        self.rules = rules
        self.compiled = compiled
        self.globalAllow = try allowlist.regexes.map { try Self.compile($0, rule: "allowlist") }
        self.globalStopwords = allowlist.stopwords.map { $0.lowercased() }
    }

    private init(uncheckedRules: [OrgRule], allowlist: OrgAllowlist) {
        rules = []
        compiled = []
        globalAllow = []
        globalStopwords = []
    }

    static func compile(_ pattern: String, rule: String) throws -> NSRegularExpression {
        do {
            return try NSRegularExpression(pattern: GoRegex.translate(pattern))
        } catch {
            throw OrgRuleError(message: "rule \(rule): regex does not compile: \(pattern)")
        }
    }

    func findings(in bytes: UnsafeBufferPointer<UInt8>) -> [Finding] {
        let text = String(decoding: bytes, as: UTF8.self)
        let lowered = text.lowercased()
        let ns = text as NSString
        var result: [Finding] = []
        for c in compiled where c.keywords.isEmpty || c.keywords.contains(where: { lowered.contains($0) }) {
            for match in c.regex.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                let group = c.rule.secretGroup ?? (match.numberOfRanges > 1 ? 1 : 0)
                var range = group < match.numberOfRanges ? match.range(at: group) : match.range
                if range.location == NSNotFound { range = match.range }
                let secret = ns.substring(with: range)
                if let entropy = c.rule.entropy, Self.entropy(secret) < entropy { continue }
                let target: String
                switch c.rule.allowlist.regexTarget {
                case .secret: target = secret
                case .match: target = ns.substring(with: match.range)
                case .line: target = ns.substring(with: ns.lineRange(for: match.range))
                }
                if allowed(secret, target: target, by: c) { continue }
                guard let r = Range(range, in: text) else { continue }
                let start = text.utf8.distance(from: text.startIndex, to: r.lowerBound)
                let end = start + text.utf8.distance(from: r.lowerBound, to: r.upperBound)
                result.append(Finding(start: start, end: end, type: "secret:" + c.rule.id, replacement: .typed, isOrgRule: true))
            }
        }
        return result
    }

    private func allowed(_ secret: String, target: String, by c: Compiled) -> Bool {
        let lowered = secret.lowercased()
        let whole = NSRange(location: 0, length: (secret as NSString).length)
        let targetRange = NSRange(location: 0, length: (target as NSString).length)
        if c.allow.contains(where: { $0.firstMatch(in: target, range: targetRange) != nil }) { return true }
        if c.rule.allowlist.stopwords.contains(where: { lowered.contains($0.lowercased()) }) { return true }
        if globalAllow.contains(where: { $0.firstMatch(in: secret, range: whole) != nil }) { return true }
        return globalStopwords.contains(where: { lowered.contains($0) })
    }

    static func entropy(_ s: String) -> Double {
        var bytes = Array(s.utf8)
        return bytes.withUnsafeMutableBufferPointer { shannonEntropy(UnsafeBufferPointer($0), 0..<$0.count) }
    }
}

public struct OrgRuleError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// gitleaks writes Go (RE2) regexes; ICU reads nearly all of them. The differences
/// that occur in real rule files are rewritten here.
enum GoRegex {
    static func translate(_ pattern: String) -> String {
        // RE2's `\z` is ICU's `\z` too; `(?P<name>` is Python/RE2 syntax for named groups.
        pattern.replacingOccurrences(of: "(?P<", with: "(?<")
    }
}
