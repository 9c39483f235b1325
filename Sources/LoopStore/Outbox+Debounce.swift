import Foundation
import GRDB
import LoopCore

/// Gate 4's persisted memory. Keys are written only by `record(candidate:…)`,
/// together with their lesson, so a key never points at nothing.
extension Outbox {
    public func debounceExists(_ key: DebounceKey) throws -> Bool {
        try read { db in try DebounceKeyRecord.exists(db, key: key.description) }
    }

    /// The lesson later evidence with this key folds into, if any.
    public func lessonID(for key: DebounceKey) throws -> String? {
        try read { db in try DebounceKeyRecord.fetchOne(db, key: key.description)?.lessonID }
    }

    /// Every key, oldest first, or only those of one lesson.
    public func debounceKeys(lessonID: String? = nil) throws -> [StoredDebounceKey] {
        try read { db in
            var request = DebounceKeyRecord.order(DebounceKeyRecord.Columns.createdAt, DebounceKeyRecord.Columns.key)
            if let lessonID { request = request.filter(DebounceKeyRecord.Columns.lessonID == lessonID) }
            return try request.fetchAll(db).map(\.stored)
        }
    }
}
