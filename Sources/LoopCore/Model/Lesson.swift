import Foundation

/// A lesson as the user consents to it and the hub stores it: wire contract v1
/// (`../shared/DESIGN.md` §Lesson). Every string in it has been redacted.
public struct Lesson: Codable, Sendable, Hashable {
    public static let schemaV1 = "loop.lesson/v1"
    /// Limits of the wire contract, applied after redaction.
    public static let maxSummary = 1_000
    public static let maxExcerptSide = 2_000
    public static let maxName = 200

    public var schema: String
    /// UUIDv7, the idempotency key end to end.
    public var id: String
    /// ISO-8601 UTC with milliseconds.
    public var createdAt: String
    public var harness: HarnessInfo
    public var artifact: Artifact
    public var signal: Signal
    public var category: Category
    public var severity: Severity
    public var confidence: Double
    public var summary: String
    public var excerpt: Excerpt
    public var redactions: [String: Int]
    public var client: Client

    public init(
        schema: String = Lesson.schemaV1, id: String, createdAt: String, harness: HarnessInfo,
        artifact: Artifact, signal: Signal, category: Category, severity: Severity,
        confidence: Double, summary: String, excerpt: Excerpt, redactions: [String: Int], client: Client
    ) {
        self.schema = schema
        self.id = id
        self.createdAt = createdAt
        self.harness = harness
        self.artifact = artifact
        self.signal = signal
        self.category = category
        self.severity = severity
        self.confidence = confidence
        self.summary = summary
        self.excerpt = excerpt
        self.redactions = redactions
        self.client = client
    }

    public struct HarnessInfo: Codable, Sendable, Hashable {
        public var name: String
        public var version: String?
        public init(name: String, version: String?) {
            self.name = name
            self.version = version
        }
    }

    public struct Artifact: Codable, Sendable, Hashable {
        public var kind: ArtifactKind
        public var name: String
        public var version: String?
        public var repo: String?
        public init(kind: ArtifactKind, name: String, version: String? = nil, repo: String? = nil) {
            self.kind = kind
            self.name = name
            self.version = version
            self.repo = repo
        }
    }

    public struct Excerpt: Codable, Sendable, Hashable {
        public var before: String
        public var after: String
        public var language: String?
        public init(before: String, after: String, language: String?) {
            self.before = before
            self.after = after
            self.language = language
        }
    }

    public struct Client: Codable, Sendable, Hashable {
        public var name: String
        public var version: String
        public init(name: String, version: String) {
            self.name = name
            self.version = version
        }
    }
}

/// The correction signals, strongest first (DESIGN §Signals and gates).
public enum Signal: String, Codable, Sendable, CaseIterable, Hashable {
    case handEdit = "hand-edit"
    case revert
    case rejection
    case chatCorrection = "chat-correction"
    case reviewComment = "review-comment"
    case explicit
}

public enum Category: String, Codable, Sendable, CaseIterable, Hashable {
    case wrongOutput = "wrong-output"
    case ignoredInstruction = "ignored-instruction"
    case missingStep = "missing-step"
    case outOfScope = "out-of-scope"
    case style
    case unsafe
    case other
}

public enum Severity: String, Codable, Sendable, CaseIterable, Hashable, Comparable {
    case low, medium, high

    private var rank: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .high: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

    /// One step up, saturating at high: later evidence folded into a candidate raises it.
    public var raised: Severity {
        switch self {
        case .low: .medium
        case .medium, .high: .high
        }
    }
}

/// Where a lesson is in its life on the user's machine (DESIGN §Outbox).
public enum LessonState: String, Codable, Sendable, CaseIterable, Hashable {
    case pending, approved, sent, declined, expired, failed
    /// The agent judged it a false alarm before the user was asked (`lesson_dismiss`).
    case dismissed
}

/// Who made a state change; recorded in the transition log.
public enum Actor: String, Codable, Sendable, CaseIterable, Hashable {
    case daemon, cli, mcp
}
