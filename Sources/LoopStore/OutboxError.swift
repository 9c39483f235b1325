import LoopCore

/// Everything the outbox can refuse, worded for the person at the terminal:
/// loopctl prints `description` as is, and the MCP tools return it as the
/// tool error, so each message says what happened and what to do.
public enum OutboxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file was migrated by a newer loop; writing to it could damage data
    /// this binary does not understand.
    case schemaIsNewer(path: String, unknownMigrations: [String])
    /// Something that is not an SQLite database sits at the outbox path. It is
    /// left untouched: it may be the user's data.
    case notADatabase(path: String)
    /// The parent directory could not be created, or the file could not be opened.
    case cannotOpen(path: String, reason: String)
    case lessonNotFound(id: String)
    case ambiguousIDPrefix(prefix: String, matches: [String])
    case emptyIDPrefix
    /// The state machine (`LessonState.canMove(to:)`) refuses this move.
    case invalidTransition(id: String, from: LessonState, to: LessonState)
    /// Another process held the write lock for longer than the busy timeout.
    case busy(path: String)
    /// Any other SQLite failure, with SQLite's own message.
    case database(path: String, message: String)

    public var description: String {
        switch self {
        case let .schemaIsNewer(path, unknown):
            return "outbox schema is newer than this loop; upgrade loop "
                + "(\(path) has migrations this version does not know: \(unknown.joined(separator: ", ")))"
        case let .notADatabase(path):
            return "\(path) is not a loop outbox (not an SQLite database); it was left untouched. "
                + "Move it aside and loop will create a new outbox."
        case let .cannotOpen(path, reason):
            return "cannot open the outbox at \(path): \(reason)"
        case let .lessonNotFound(id):
            return "no lesson with id \(id)"
        case let .ambiguousIDPrefix(prefix, matches):
            return "id prefix \(prefix) matches \(matches.count) lessons (\(matches.joined(separator: ", "))); "
                + "type more characters"
        case .emptyIDPrefix:
            return "an empty id prefix matches every lesson; give at least one character"
        case let .invalidTransition(id, from, to):
            return "lesson \(id) cannot move from \(from.rawValue) to \(to.rawValue)"
        case let .busy(path):
            return "the outbox at \(path) is busy: another loop process held it for more than "
                + "\(Int(Outbox.busyTimeout)) s; try again"
        case let .database(path, message):
            return "outbox \(path): \(message)"
        }
    }
}
