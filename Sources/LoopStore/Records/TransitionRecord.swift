import Foundation
import GRDB
import LoopCore

/// One row of the append-only `lessonTransition` log (UPDATE and DELETE are
/// refused by triggers). A row whose `fromState` equals `toState` records an
/// edit that did not move the lesson, such as folded evidence.
struct TransitionRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "lessonTransition"

    var id: Int64?
    var lessonID: String
    var at: Date
    var actor: Actor
    /// Nil for the row that created the lesson.
    var fromState: LessonState?
    var toState: LessonState
    var note: String?

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let lessonID = Column(CodingKeys.lessonID)
    }

    var transition: Transition {
        Transition(at: at, actor: actor, from: fromState, to: toState, note: note)
    }
}

/// One entry of a lesson's history, oldest first in `Outbox.transitions(lessonID:)`.
public struct Transition: Sendable, Hashable {
    public var at: Date
    public var actor: Actor
    /// Nil when the lesson was created.
    public var from: LessonState?
    public var to: LessonState
    public var note: String?

    public init(at: Date, actor: Actor, from: LessonState?, to: LessonState, note: String?) {
        self.at = at
        self.actor = actor
        self.from = from
        self.to = to
        self.note = note
    }
}
