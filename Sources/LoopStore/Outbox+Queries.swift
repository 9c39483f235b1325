import Foundation
import GRDB
import LoopCore

/// Reads for loopctl `list`/`show`/`status` and the MCP tools. Each runs on a
/// reader connection, in parallel with any write.
extension Outbox {
    /// Lessons, newest first, optionally in one state and at most `limit` of them.
    public func lessons(state: LessonState? = nil, limit: Int? = nil) throws -> [StoredLesson] {
        try read { db in
            var request = LessonRecord.all().newestFirst()
            if let state { request = request.inState(state) }
            if let limit { request = request.limit(max(0, limit)) }
            return try request.fetchAll(db).map(\.stored)
        }
    }

    /// The lesson with exactly this id, or nil.
    public func lesson(id: String) throws -> StoredLesson? {
        try read { db in try LessonRecord.fetchOne(db, key: id)?.stored }
    }

    /// The one lesson whose id starts with `prefix`, as typed at the CLI (like
    /// git's short hashes). An exact id always wins.
    /// Throws `.lessonNotFound`, `.ambiguousIDPrefix` or `.emptyIDPrefix`.
    public func lesson(idPrefix prefix: String) throws -> StoredLesson {
        guard !prefix.isEmpty else { throw OutboxError.emptyIDPrefix }
        return try read { db in
            if let exact = try LessonRecord.fetchOne(db, key: prefix) { return exact.stored }
            // LIKE would treat `_` and `%` in the prefix as wildcards; substr compares literally.
            let matches = try LessonRecord
                .filter(sql: "substr(id, 1, ?) = ?", arguments: [prefix.count, prefix])
                .newestFirst()
                .limit(6)
                .fetchAll(db)
            switch matches.count {
            case 0: throw OutboxError.lessonNotFound(id: prefix)
            case 1: return matches[0].stored
            default: throw OutboxError.ambiguousIDPrefix(prefix: prefix, matches: matches.prefix(5).map(\.id))
            }
        }
    }

    /// The evidence of a lesson, in the order it was observed and recorded.
    public func evidence(lessonID: String) throws -> [Evidence] {
        try read { db in
            try EvidenceRecord
                .filter(EvidenceRecord.Columns.lessonID == lessonID)
                .order(EvidenceRecord.Columns.id)
                .fetchAll(db)
                .map(\.evidence)
        }
    }

    /// The evidence of several lessons in one read (oldest first within each):
    /// `lessons_pending` shows every listed lesson's context.
    public func evidence(lessonIDs: [String]) throws -> [String: [Evidence]] {
        guard !lessonIDs.isEmpty else { return [:] }
        return try read { db in
            let records = try EvidenceRecord
                .filter(lessonIDs.contains(EvidenceRecord.Columns.lessonID))
                .order(EvidenceRecord.Columns.id)
                .fetchAll(db)
            return Dictionary(grouping: records, by: \.lessonID).mapValues { $0.map(\.evidence) }
        }
    }

    /// A lesson's history, oldest first; the first entry is its creation (from nil).
    public func transitions(lessonID: String) throws -> [Transition] {
        try read { db in
            try TransitionRecord
                .filter(TransitionRecord.Columns.lessonID == lessonID)
                .order(TransitionRecord.Columns.id)
                .fetchAll(db)
                .map(\.transition)
        }
    }

    /// How many lessons are in each state; every state is present, zero included.
    public func counts() throws -> [LessonState: Int] {
        try read { db in
            var counts = Dictionary(uniqueKeysWithValues: LessonState.allCases.map { ($0, 0) })
            let rows = try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM lesson GROUP BY state")
            for row in rows {
                if let state = LessonState(rawValue: row["state"]) { counts[state] = row["n"] }
            }
            return counts
        }
    }
}
