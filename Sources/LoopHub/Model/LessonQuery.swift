import Foundation
public import LoopCore

/// The read-back filters of `GET /v1/lessons`, plus the caller's artifact scope.
public struct LessonQuery: Sendable, Hashable {
    public var artifact: String?
    public var kind: ArtifactKind?
    public var harness: String?
    public var signal: Signal?
    public var category: Category?
    public var severity: Severity?
    /// Inclusive lower bound on `receivedAt`.
    public var since: Date?
    /// Exclusive upper bound on `receivedAt`.
    public var until: Date?
    public var after: PageCursor?
    public var limit: Int
    /// Artifact-name globs the caller may read; nil means everything (admin).
    public var scope: [ArtifactGlob]?

    public static let defaultLimit = 100
    public static let maxLimit = 1_000

    public init(artifact: String? = nil, kind: ArtifactKind? = nil, harness: String? = nil, signal: Signal? = nil,
                category: Category? = nil, severity: Severity? = nil, since: Date? = nil, until: Date? = nil,
                after: PageCursor? = nil, limit: Int = LessonQuery.defaultLimit, scope: [ArtifactGlob]? = nil) {
        self.artifact = artifact
        self.kind = kind
        self.harness = harness
        self.signal = signal
        self.category = category
        self.severity = severity
        self.since = since
        self.until = until
        self.after = after
        self.limit = limit
        self.scope = scope
    }
}

/// One page of results; `next` is nil on the last page.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var next: PageCursor?
    public init(items: [Item], next: PageCursor?) {
        self.items = items
        self.next = next
    }
}

/// How many lessons one artifact has, per signal.
public struct ArtifactCount: Sendable, Hashable, Codable {
    public var kind: String
    public var name: String
    public var signal: String
    public var count: Int
    public init(kind: String, name: String, signal: String, count: Int) {
        self.kind = kind
        self.name = name
        self.signal = signal
        self.count = count
    }
}
