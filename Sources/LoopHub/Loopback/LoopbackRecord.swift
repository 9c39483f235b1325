import Foundation
public import LoopCore

/// loopback's feedback record (`POST /feedback`, `schemaVersion: 1`, prior-art.md),
/// validated as strictly as loopback does (`additionalProperties: false`).
public struct LoopbackRecord: Sendable, Hashable, Codable {
    public var artifactKind: String
    public var artifactID: String
    public var artifactVersion: String?
    public var artifactRepo: String?
    public var summary: String
    public var evidenceExcerpt: String?
    public var severity: String?
    public var confidence: String?
    public var workType: String?
    public var clusterKey: String?
    public var plugin: String?
    public var harness: String?

    static let kinds = ["skill", "agent", "artifact"]
    static let levels = ["low", "medium", "high"]

    /// Parses loopback's JSON record.
    public static func parse(_ data: Data) throws(FieldError) -> LoopbackRecord {
        let root = try ObjectReader(JSONValue.parse(data), path: "", allowed: [
            "schemaVersion", "artifact", "summary", "evidenceExcerpt", "severity", "confidence", "workType",
            "clusterKey", "timestamp", "client",
        ])
        guard case .number(1) = root.members["schemaVersion"] ?? .null else {
            throw FieldError(field: "schemaVersion", expected: "1")
        }
        // `timestamp` is set by the server in loopback; a client-sent one is accepted and ignored.
        _ = try root.optionalString("timestamp", max: 40)
        let artifact = try root.object("artifact", allowed: ["kind", "id", "version", "repo"])
        let client = try root.optionalObject("client", allowed: ["plugin", "harness"])
        return LoopbackRecord(
            artifactKind: try artifact.oneOf("kind", kinds)!, artifactID: try artifact.string("id", max: Lesson.maxName),
            artifactVersion: try artifact.optionalString("version", max: Lesson.maxName),
            artifactRepo: try artifact.optionalString("repo", max: LessonValidator.maxRepo),
            summary: try root.string("summary", max: Lesson.maxSummary),
            evidenceExcerpt: try root.optionalString("evidenceExcerpt", max: Lesson.maxExcerptSide),
            severity: try root.oneOf("severity", levels, required: false),
            confidence: try root.oneOf("confidence", levels, required: false),
            workType: try root.optionalString("workType", max: Lesson.maxName),
            clusterKey: try root.optionalString("clusterKey", max: Lesson.maxName * 3),
            plugin: try client?.optionalString("plugin", max: Lesson.maxName),
            harness: try client?.optionalString("harness", max: Lesson.maxName))
    }

    /// The v1 lesson this record becomes (docs/hub.md §loopback lists the mapping):
    /// kind skill|agent|artifact → skill|agent|skill; confidence low|medium|high →
    /// 0.3|0.6|0.9 (default medium); severity as is (default medium); signal
    /// chat-correction (loopback detects corrections in the chat); category other;
    /// `evidenceExcerpt` → `excerpt.after`; `client.harness` → `harness.name`.
    /// Empty optional strings count as absent, so the lesson always satisfies v1.
    public func lesson(id: String, createdAt: Date) -> Lesson {
        func present(_ text: String?) -> String? {
            guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
            return text
        }
        return Lesson(
            id: id, createdAt: ISO8601.string(createdAt),
            harness: .init(name: present(harness) ?? "unknown", version: nil),
            artifact: .init(kind: artifactKind == "agent" ? .agent : .skill, name: artifactID,
                            version: present(artifactVersion), repo: present(artifactRepo)),
            signal: .chatCorrection, category: .other,
            severity: severity.flatMap(Severity.init(rawValue:)) ?? .medium,
            confidence: ["low": 0.3, "medium": 0.6, "high": 0.9][confidence ?? "medium"] ?? 0.6,
            summary: summary,
            excerpt: .init(before: "", after: evidenceExcerpt ?? "", language: nil),
            redactions: [:],
            client: .init(name: "loopback", version: present(plugin) ?? "unknown"))
    }

    /// Strings that do not survive into the lesson but are kept in `origin`.
    var extraTexts: [String] { [workType ?? "", clusterKey ?? ""] }
}

/// Fresh UUIDv7 ids for loopback submissions, which carry none.
enum LessonID {
    static func make(now: Date = Date()) -> String {
        var generator = SystemRandomNumberGenerator()
        return UUIDv7.make(at: now, random: (0..<10).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }
}
