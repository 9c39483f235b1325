// PLACEHOLDER — replaced by the redaction engine (issue 4). The API below is the
// contract the rest of loop codes against; the engine keeps it.

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

public struct Redactor: Sendable {
    public var context: RedactionContext
    public init(context: RedactionContext = RedactionContext()) {
        self.context = context
    }

    /// Redacts several fields of one lesson together, so placeholders are stable across them.
    public func redact(_ texts: [String]) -> Redacted {
        Redacted(texts: texts, counts: [:])
    }

    /// Redacts one text.
    public func redact(_ text: String) -> String {
        redact([text]).texts[0]
    }

    /// Names of the rules that still match `text` (empty when clean).
    public func verify(_ text: String) -> [String] { [] }
}
