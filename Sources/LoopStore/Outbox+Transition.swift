import Foundation
import GRDB
import LoopCore

extension Outbox {
    /// Moves a lesson to another state, as allowed by `LessonState.canMove(to:)`,
    /// and appends the move to its log, in one write transaction (so two
    /// processes racing to send and decline cannot both win).
    ///
    /// Moving to `failed` stores `note` as the lesson's `lastError` (the reason
    /// shown by `loopctl show` and retried later); any other move clears it.
    ///
    /// `consuming` is the chat answer that decided it (the MCP consent gate):
    /// it is recorded in the same transaction, so an answer is used at most
    /// once and for one lesson, across processes and restarts.
    ///
    /// Throws `.lessonNotFound`, `.invalidTransition(id:from:to:)`, or
    /// `ConsentAnswerAlreadyUsed` when `consuming` was used before.
    public func transition(
        id: String, to next: LessonState, actor: Actor, note: String? = nil, at date: Date = Date(),
        consuming answer: ChatConsent? = nil
    ) throws {
        try write { db in
            guard let lesson = try LessonRecord.fetchOne(db, key: id) else {
                throw OutboxError.lessonNotFound(id: id)
            }
            guard lesson.state.canMove(to: next) else {
                throw OutboxError.invalidTransition(id: id, from: lesson.state, to: next)
            }
            if let answer {
                let used = try ConsentAnswerRecord.fetchOne(db, key: answer.answerKey)
                    ?? ConsentAnswerRecord.filter(ConsentAnswerRecord.Columns.lessonID == id).fetchOne(db)
                if let used { throw ConsentAnswerAlreadyUsed(answerKey: used.answerKey, lessonID: used.lessonID) }
                try ConsentAnswerRecord(answer, lessonID: id, at: date).insert(db)
            }
            // The log entry first: a trigger refuses a state change the log does not describe.
            try TransitionRecord(
                lessonID: id, at: date, actor: actor, fromState: lesson.state, toState: next, note: note
            ).insert(db)
            let lastError: String? = next == .failed ? (note ?? "failed without a reason") : nil
            try LessonRecord
                .filter(key: id)
                .updateAll(db, [
                    LessonRecord.Columns.state.set(to: next.rawValue),
                    LessonRecord.Columns.updatedAt.set(to: date),
                    LessonRecord.Columns.lastError.set(to: lastError),
                ])
        }
    }
}
