import Foundation
import GRDB
import LoopCore

/// What `Outbox.record(candidate:…)` did with a candidate lesson.
public enum RecordResult: Sendable, Hashable {
    /// A new pending lesson: the daemon should prompt for it.
    case created(id: String)
    /// The de-bounce key already had a lesson; the evidence was folded into it.
    /// No new prompt (DESIGN gate 4).
    case folded(into: String)
    /// Nothing changed: this lesson id, or this very observation, is already stored.
    /// Replaying a transcript after a crash is therefore harmless.
    case alreadyRecorded(id: String)

    /// The lesson the candidate ended up in.
    public var lessonID: String {
        switch self {
        case let .created(id), let .folded(id), let .alreadyRecorded(id): id
        }
    }
}

extension Outbox {
    /// Stores a candidate lesson with its evidence, applying gate 4 (de-bounce),
    /// in one write transaction so two processes cannot both create a candidate.
    ///
    /// - Same lesson id already stored: `.alreadyRecorded`, nothing written.
    /// - `debounceKey` already stored: the evidence is appended to that key's
    ///   lesson (unless the same observation is there already), its severity is
    ///   raised one step while it is still `pending`, and the fold is logged.
    /// - Otherwise: the lesson (state `pending`), its evidence, the key and the
    ///   creation entry (nil → pending) are inserted.
    @discardableResult
    public func record(
        candidate lesson: Lesson, evidence: Evidence, debounceKey: DebounceKey, actor: Actor, at date: Date = Date()
    ) throws -> RecordResult {
        try write { db in
            if try LessonRecord.exists(db, key: lesson.id) {
                return .alreadyRecorded(id: lesson.id)
            }
            if let existing = try DebounceKeyRecord.fetchOne(db, key: debounceKey.description) {
                return try fold(evidence, into: existing.lessonID, actor: actor, at: date, db)
            }
            try LessonRecord(lesson, state: .pending, at: date).insert(db)
            try EvidenceRecord(evidence, lessonID: lesson.id).insert(db)
            try DebounceKeyRecord(debounceKey, lessonID: lesson.id, at: date).insert(db)
            try TransitionRecord(
                lessonID: lesson.id, at: date, actor: actor, fromState: nil, toState: .pending,
                note: "recorded: \(evidence.signal.rawValue)"
            ).insert(db)
            return .created(id: lesson.id)
        }
    }

    private func fold(
        _ evidence: Evidence, into lessonID: String, actor: Actor, at date: Date, _ db: Database
    ) throws -> RecordResult {
        guard var lesson = try LessonRecord.fetchOne(db, key: lessonID) else {
            throw OutboxError.lessonNotFound(id: lessonID)
        }
        let newEvidence = EvidenceRecord(evidence, lessonID: lessonID)
        let stored = try EvidenceRecord.filter(EvidenceRecord.Columns.lessonID == lessonID).fetchAll(db)
        if stored.contains(where: { $0.isSameObservation(as: newEvidence) }) {
            return .alreadyRecorded(id: lessonID)
        }
        try newEvidence.insert(db)

        // Only a pending lesson is still being shaped; once the user has decided,
        // its content is what they consented to (or declined) and stays as is.
        var note = "folded evidence: \(evidence.signal.rawValue)"
        let oldSeverity = lesson.severity
        if lesson.state == .pending && oldSeverity.raised != oldSeverity {
            lesson.severity = oldSeverity.raised
            note += "; severity \(oldSeverity.rawValue) → \(lesson.severity.rawValue)"
        }
        lesson.updatedAt = date
        // Logged before the update: the content trigger requires the entry.
        try TransitionRecord(
            lessonID: lessonID, at: date, actor: actor, fromState: lesson.state, toState: lesson.state, note: note
        ).insert(db)
        try lesson.update(db, columns: [LessonRecord.Columns.severity, LessonRecord.Columns.updatedAt])
        return .folded(into: lessonID)
    }
}
