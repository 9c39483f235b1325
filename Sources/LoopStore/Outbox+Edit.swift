import Foundation
import GRDB
import LoopCore

extension Outbox {
    /// Replaces the words of a pending lesson (summary and excerpt), keeping its
    /// identity, and logs the edit (from = to = pending) with what changed. The
    /// caller redacts and re-checks the new text first (`LessonActions.edit`).
    /// Only pending lessons change: once approved, what the user consented to is fixed.
    ///
    /// Throws `.lessonNotFound`, or `.invalidTransition` when the lesson is not pending.
    public func edit(
        id: String, summary: String, excerpt: Lesson.Excerpt, redactions: [String: Int],
        actor: Actor, note: String, at date: Date = Date()
    ) throws {
        try write { db in
            guard var lesson = try LessonRecord.fetchOne(db, key: id) else {
                throw OutboxError.lessonNotFound(id: id)
            }
            guard lesson.state == .pending else {
                throw OutboxError.invalidTransition(id: id, from: lesson.state, to: lesson.state)
            }
            // The log entry first: a trigger refuses content changes the log does not describe.
            try TransitionRecord(
                lessonID: id, at: date, actor: actor, fromState: .pending, toState: .pending, note: note
            ).insert(db)
            lesson.summary = summary
            lesson.excerptBefore = excerpt.before
            lesson.excerptAfter = excerpt.after
            lesson.excerptLanguage = excerpt.language
            lesson.redactions = redactions
            lesson.updatedAt = date
            try lesson.update(db)
        }
    }
}
