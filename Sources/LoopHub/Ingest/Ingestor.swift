import Foundation
public import LoopCore

/// What happened to one submission; the routes turn it into a status code.
public enum IngestResult: Sendable, Hashable {
    case stored(id: String)
    case duplicate(id: String)
    case conflict(id: String)
    case quarantined(id: String, rules: [String])
}

/// The one ingest path behind `POST /v1/lessons`, `POST /feedback` and the MCP
/// tool: re-check every string with the shared redactor, then store the lesson or
/// quarantine its redacted form. Never logs or stores a value the redactor flagged.
public struct Ingestor: Sendable {
    public let store: any LessonStore
    public let leakCheck: any LeakCheck
    public let metrics: HubMetrics?
    /// Redacts a quarantined body with every rule the shared engine has, whatever
    /// `leakCheck` is: the body is stored only as the Redactor's output.
    let redactor = Redactor()
    let now: @Sendable () -> Date

    public init(store: any LessonStore, leakCheck: any LeakCheck = Redactor(), metrics: HubMetrics? = nil,
                now: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.leakCheck = leakCheck
        self.metrics = metrics
        self.now = now
    }

    /// - Parameter extraTexts: strings of the original submission that are not in the
    ///   lesson (loopback's `workType`, `clusterKey`), checked too.
    public func ingest(_ lesson: Lesson, tokenID: String, source: IngestSource, origin: String? = nil,
                       extraTexts: [String] = []) async throws -> IngestResult {
        let receivedAt = now()
        let texts = lesson.textFields
        let rules = Set((texts + extraTexts).flatMap { leakCheck.verify($0) }).sorted()
        if !rules.isEmpty {
            // The check found one leak, so the sender's redaction failed: run every text
            // field through the whole Redactor (the check's own redaction first, when it
            // is a different engine), never keeping a text as received.
            let checked = leakCheck is Redactor ? texts : leakCheck.redact(texts)
            let redacted = lesson.replacingTextFields(redactor.redact(checked).texts)
            let entry = QuarantineEntry(
                id: lesson.id, receivedAt: receivedAt, tokenID: tokenID, source: source, rules: rules,
                redactedBody: CanonicalJSON.string(redacted), artifactName: redacted.artifact.name)
            switch try await store.quarantine(entry) {
            case .stored:
                metrics?.recordQuarantined()
                return .quarantined(id: lesson.id, rules: rules)
            case .duplicate: return .quarantined(id: lesson.id, rules: rules)
            case .conflict: return .conflict(id: lesson.id)
            }
        }
        let stored = StoredLesson(lesson: lesson, receivedAt: receivedAt, tokenID: tokenID, source: source, origin: origin)
        switch try await store.insert(stored) {
        case .stored:
            metrics?.recordStored()
            return .stored(id: lesson.id)
        case .duplicate: return .duplicate(id: lesson.id)
        case .conflict: return .conflict(id: lesson.id)
        }
    }
}
