import Foundation
public import LoopCore

/// Where a stored lesson came in: the v1 API, loopback's `POST /feedback`, or its MCP tool.
public enum IngestSource: String, Sendable, Codable, CaseIterable {
    case v1, loopback, mcp
}

/// A lesson as the hub keeps it: the canonical body (sorted-key JSON of the
/// validated `Lesson`, the basis of idempotency) plus what the hub learned on arrival.
public struct StoredLesson: Sendable, Hashable {
    public var lesson: Lesson
    /// Canonical JSON of `lesson`; two submissions are "the same body" when these are equal.
    public var body: String
    public var receivedAt: Date
    public var tokenID: String
    public var source: IngestSource
    /// The original loopback record (already re-checked), kept so nothing it said is lost.
    public var origin: String?

    public init(lesson: Lesson, body: String, receivedAt: Date, tokenID: String, source: IngestSource, origin: String? = nil) {
        self.lesson = lesson
        self.body = body
        self.receivedAt = receivedAt
        self.tokenID = tokenID
        self.source = source
        self.origin = origin
    }

    public init(lesson: Lesson, receivedAt: Date, tokenID: String, source: IngestSource, origin: String? = nil) {
        self.init(lesson: lesson, body: CanonicalJSON.string(lesson), receivedAt: receivedAt,
                  tokenID: tokenID, source: source, origin: origin)
    }
}

/// A submission that still contained something the redactor recognises. Only the
/// redacted body and the names of the rules that matched are kept.
public struct QuarantineEntry: Sendable, Hashable, Codable {
    public var id: String
    public var receivedAt: Date
    public var tokenID: String
    public var source: IngestSource
    public var rules: [String]
    /// Canonical JSON of the submission after redaction.
    public var redactedBody: String
    public var artifactName: String

    public init(id: String, receivedAt: Date, tokenID: String, source: IngestSource, rules: [String],
                redactedBody: String, artifactName: String) {
        self.id = id
        self.receivedAt = receivedAt
        self.tokenID = tokenID
        self.source = source
        self.rules = rules
        self.redactedBody = redactedBody
        self.artifactName = artifactName
    }
}

/// What an idempotent insert did.
public enum InsertOutcome: Sendable, Hashable {
    /// A new row.
    case stored
    /// The id was already there with the same body: nothing written.
    case duplicate
    /// The id was already there with a different body: nothing written.
    case conflict
}

/// Sorted-key JSON, so equal values always give equal text.
public enum CanonicalJSON {
    public static func string(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding our own Codable structs of strings and numbers cannot fail.
        return String(decoding: try! encoder.encode(value), as: UTF8.self)
    }
}
