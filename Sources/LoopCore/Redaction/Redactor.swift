import Foundation

/// Facts about this machine and repository that must never leave it.
public struct RedactionContext: Sendable, Hashable {
    public var userName: String?
    public var homeDirectory: String?
    public var hostName: String?
    /// Absolute paths under this root are rewritten relative to it.
    public var repositoryRoot: String?
    public var internalDomains: [String]
    public var denyNames: [String]

    public init(
        userName: String? = nil, homeDirectory: String? = nil, hostName: String? = nil,
        repositoryRoot: String? = nil, internalDomains: [String] = [], denyNames: [String] = []
    ) {
        self.userName = userName
        self.homeDirectory = homeDirectory
        self.hostName = hostName
        self.repositoryRoot = repositoryRoot
        self.internalDomains = internalDomains
        self.denyNames = denyNames
    }
}

/// The result of redacting one or more fields together.
public struct Redacted: Sendable, Hashable {
    /// The redacted texts, in the order given.
    public var texts: [String]
    /// How many values of each type were replaced (`email`, `path`, `secret:github`, ...).
    public var counts: [String: Int]
    public init(texts: [String], counts: [String: Int]) {
        self.texts = texts
        self.counts = counts
    }
}

/// Replaces secrets, personal data and this machine's identity with typed placeholders.
/// Pure and deterministic: the same input and context always give the same output, and
/// values are never kept beyond the call (only counts by type are returned).
public struct Redactor: Sendable {
    public var context: RedactionContext
    /// Extra rules, typically an organisation's gitleaks TOML (see `GitleaksConfig`).
    public var orgRules: OrgRuleSet
    private var identity: IdentityMatcher

    public init(context: RedactionContext = RedactionContext(), orgRules: OrgRuleSet = OrgRuleSet()) {
        self.context = context
        self.orgRules = orgRules
        self.identity = IdentityMatcher(context)
    }

    /// Redacts several fields of one lesson together, so placeholders are stable across them.
    public func redact(_ texts: [String]) -> Redacted {
        redact(texts, maxLength: nil)
    }

    /// Redacts, then cuts each text to at most `maxLength` characters (never inside a placeholder).
    public func redact(_ texts: [String], maxLength: Int?) -> Redacted {
        redact(texts, maxLengths: texts.map { _ in maxLength })
    }

    /// Redacts, then cuts each text to its own cap (`Lesson.maxSummary`, `maxExcerptSide`, …);
    /// `nil` leaves that text uncut. Missing entries mean no cap.
    public func redact(_ texts: [String], maxLengths: [Int?]) -> Redacted {
        learningUserNames(from: texts).redactKnown(texts, maxLengths: maxLengths)
    }

    /// This redactor, also matching the user names that home paths in `texts` reveal.
    func learningUserNames(from texts: [String]) -> Redactor {
        let learned = LearnedUserNames.find(in: texts, excluding: context.userName)
        guard !learned.isEmpty else { return self }
        var copy = self
        copy.identity = IdentityMatcher(context, learnedUserNames: learned)
        return copy
    }

    private func redactKnown(_ texts: [String], maxLengths: [Int?]) -> Redacted {
        var numbering = PlaceholderNumbering()
        var counts: [String: Int] = [:]
        var output: [String] = []
        output.reserveCapacity(texts.count)
        let scanned = texts.map { findings(in: $0) }
        for scan in scanned { numbering.reserve(scan.existingNumbers) }
        for (index, (text, scan)) in zip(texts, scanned).enumerated() {
            var redacted = redactToFixedPoint(text, scan.findings, numbering: &numbering, counts: &counts)
            if index < maxLengths.count, let maxLength = maxLengths[index] {
                redacted = LengthCap.apply(redacted, maxLength: maxLength)
            }
            output.append(redacted)
        }
        return Redacted(texts: output, counts: counts)
    }

    /// Redacts one text.
    public func redact(_ text: String) -> String {
        redact([text]).texts[0]
    }

    /// Names of the rules that still match `text` (empty when clean), e.g. `secret:aws`, `email`.
    public func verify(_ text: String) -> [String] {
        Array(Set(learningUserNames(from: [text]).findings(in: text).findings.map(\.type))).sorted()
    }

    struct Scan {
        var findings: [Finding]
        var existingNumbers: [String: Int]
    }

    func findings(in text: String) -> Scan {
        var text = text
        return text.withUTF8 { findings(in: $0) }
    }

    func findings(in buffer: UnsafeBufferPointer<UInt8>) -> Scan {
        var scanner = Scanner(bytes: buffer, identity: identity)
        scanner.scan()
        if orgRules.hasGlobalAllowlist {
            scanner.findings.removeAll { f in
                let value = String(decoding: UnsafeBufferPointer(rebasing: buffer[f.start..<f.end]), as: UTF8.self)
                return f.type.hasPrefix("secret") && orgRules.isGloballyAllowed(value)
            }
        }
        if !orgRules.isEmpty { scanner.findings += orgRules.findings(in: buffer) }
        return Scan(findings: Overlaps.resolve(scanner.findings), existingNumbers: scanner.existingNumbers)
    }
}

/// Numbers for `<email:N>`-style placeholders: the same value gets the same number in
/// every field of one lesson, and numbers already present in the input are not reused.
struct PlaceholderNumbering {
    private var assigned: [String: [[UInt8]: Int]] = [:]
    private var next: [String: Int] = [:]

    mutating func reserve(_ existing: [String: Int]) {
        for (type, number) in existing { next[type] = max(next[type] ?? 0, number) }
    }

    mutating func number(for type: String, value: UnsafeBufferPointer<UInt8>) -> Int {
        let key = value.map(ByteClass.lowercased)
        if let n = assigned[type]?[key] { return n }
        let n = (next[type] ?? 0) + 1
        next[type] = n
        assigned[type, default: [:]][key] = n
        return n
    }
}

enum Overlaps {
    /// Sorts findings and merges overlapping ones into one span, so no placeholder is
    /// nested in or split by another and no fragment of a value survives between them.
    static func resolve(_ findings: [Finding]) -> [Finding] {
        guard findings.count > 1 else { return findings }
        let sorted = findings.sorted { $0.start != $1.start ? $0.start < $1.start : $0.end > $1.end }
        var result: [Finding] = []
        result.reserveCapacity(sorted.count)
        for f in sorted {
            guard var last = result.last, f.start < last.end else { result.append(f); continue }
            if f.priority > last.priority {
                last.type = f.type
                last.replacement = f.replacement
            }
            if f.end > last.end {
                last.end = f.end
                if case .literal = last.replacement { last.replacement = .typed }
            }
            result[result.count - 1] = last
        }
        return result
    }
}

extension Redactor {
    /// The same redactor with absolute paths under `root` made relative to it
    /// (one repository per session).
    public func rooted(at root: String) -> Redactor {
        var context = self.context
        context.repositoryRoot = root
        return Redactor(context: context, orgRules: orgRules)
    }
}
