import Foundation
import GRDB
import LoopCore

/// One row of `lesson`: the wire contract v1 fields, flattened, plus local state.
struct LessonRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "lesson"

    var id: String
    var schema: String
    var createdAt: String
    var harnessName: String
    var harnessVersion: String?
    var artifactKind: ArtifactKind
    var artifactName: String
    var artifactVersion: String?
    var artifactRepo: String?
    var signal: Signal
    var category: LoopCore.Category
    var severity: Severity
    var confidence: Double
    var summary: String
    var excerptBefore: String
    var excerptAfter: String
    var excerptLanguage: String?
    /// Stored as JSON text.
    var redactions: [String: Int]
    var clientName: String
    var clientVersion: String
    var state: LessonState
    /// When this store first saw the lesson (local, unlike the wire `createdAt`).
    var recordedAt: Date
    var updatedAt: Date
    /// Why the last send failed, while the lesson is `failed`.
    var lastError: String?

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let createdAt = Column(CodingKeys.createdAt)
        static let severity = Column(CodingKeys.severity)
        static let state = Column(CodingKeys.state)
        static let updatedAt = Column(CodingKeys.updatedAt)
        static let lastError = Column(CodingKeys.lastError)
    }

    init(_ lesson: Lesson, state: LessonState, at date: Date) {
        id = lesson.id
        schema = lesson.schema
        createdAt = lesson.createdAt
        harnessName = lesson.harness.name
        harnessVersion = lesson.harness.version
        artifactKind = lesson.artifact.kind
        artifactName = lesson.artifact.name
        artifactVersion = lesson.artifact.version
        artifactRepo = lesson.artifact.repo
        signal = lesson.signal
        category = lesson.category
        severity = lesson.severity
        confidence = lesson.confidence
        summary = lesson.summary
        excerptBefore = lesson.excerpt.before
        excerptAfter = lesson.excerpt.after
        excerptLanguage = lesson.excerpt.language
        redactions = lesson.redactions
        clientName = lesson.client.name
        clientVersion = lesson.client.version
        self.state = state
        recordedAt = date
        updatedAt = date
        lastError = nil
    }

    var lesson: Lesson {
        Lesson(
            schema: schema, id: id, createdAt: createdAt,
            harness: .init(name: harnessName, version: harnessVersion),
            artifact: .init(kind: artifactKind, name: artifactName, version: artifactVersion, repo: artifactRepo),
            signal: signal, category: category, severity: severity, confidence: confidence,
            summary: summary,
            excerpt: .init(before: excerptBefore, after: excerptAfter, language: excerptLanguage),
            redactions: redactions,
            client: .init(name: clientName, version: clientVersion))
    }

    var stored: StoredLesson {
        StoredLesson(lesson: lesson, state: state, recordedAt: recordedAt, updatedAt: updatedAt, lastError: lastError)
    }
}

extension DerivableRequest<LessonRecord> {
    /// Newest first: the wire `createdAt` is ISO-8601 UTC, so text order is time order;
    /// the UUIDv7 id breaks ties in the same millisecond.
    func newestFirst() -> Self {
        order(LessonRecord.Columns.createdAt.desc, LessonRecord.Columns.id.desc)
    }

    func inState(_ state: LessonState) -> Self {
        filter(LessonRecord.Columns.state == state.rawValue)
    }
}
