import Foundation
import LoopCore

/// A lesson as the outbox holds it: the wire contract plus where it is in its life.
public struct StoredLesson: Sendable, Hashable {
    public var lesson: Lesson
    public var state: LessonState
    /// When this machine first recorded it.
    public var recordedAt: Date
    /// The time of its latest transition or edit.
    public var updatedAt: Date
    /// Why the last send failed; set while the lesson is `failed`, cleared on the next move.
    public var lastError: String?

    public var id: String { lesson.id }

    public init(lesson: Lesson, state: LessonState, recordedAt: Date, updatedAt: Date, lastError: String?) {
        self.lesson = lesson
        self.state = state
        self.recordedAt = recordedAt
        self.updatedAt = updatedAt
        self.lastError = lastError
    }
}
