import Foundation
import LoopCore
import LoopStore

/// A lesson as the tools show it: the wire payload the user would consent to,
/// plus where it is in its life. Codable so it is both the text and the
/// structured content of a tool result.
struct LessonView: Codable, Sendable {
    var id: String
    var state: LessonState
    var artifact: Lesson.Artifact
    var harness: String
    var signal: Signal
    var category: Category
    var severity: Severity
    var summary: String
    var excerpt: Lesson.Excerpt
    var recordedAt: String
    var sessions: [String]?
    var files: [String]?
    /// The exact JSON that `send` would upload: show this in the consent gate, unchanged.
    var payload: String?
    /// For `lessons_pending`: what the agent judges the lesson by before asking.
    var context: LessonContext?

    init(_ stored: StoredLesson, evidence: [Evidence]? = nil, withPayload: Bool = false, withContext: Bool = false) {
        let lesson = stored.lesson
        id = lesson.id
        state = stored.state
        artifact = lesson.artifact
        harness = lesson.harness.name
        signal = lesson.signal
        category = lesson.category
        severity = lesson.severity
        summary = lesson.summary
        excerpt = lesson.excerpt
        recordedAt = ISO8601.string(stored.recordedAt)
        if let evidence {
            sessions = Array(Set(evidence.map(\.sessionID))).sorted()
            let files = Set(evidence.compactMap(\.file))
            self.files = files.isEmpty ? nil : files.sorted()
            if withContext { context = LessonContext(stored, evidence: evidence) }
        }
        if withPayload, let data = try? LessonActions.payload(lesson) {
            payload = String(decoding: data, as: UTF8.self)
        }
    }
}

/// One line of a lesson's evidence, without the excerpt (already in the lesson).
struct EvidenceView: Codable, Sendable {
    var signal: Signal
    var sessionID: String
    var file: String?
    var note: String
    var observedAt: String

    init(_ evidence: Evidence) {
        signal = evidence.signal
        sessionID = evidence.sessionID
        file = evidence.file
        note = evidence.note
        observedAt = ISO8601.string(evidence.observedAt)
    }
}
