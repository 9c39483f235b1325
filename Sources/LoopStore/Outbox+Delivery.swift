import Foundation
import GRDB
import LoopCore

/// Where sending an approved lesson stands: how often it was tried and when it
/// may be tried again.
public struct DeliveryStatus: Sendable, Hashable {
    public var lessonID: String
    public var attempts: Int
    public var nextAttemptAt: Date?
    public var lastError: String?
    /// What the hub said about a quarantined lesson (rule names), when it did.
    public var hubResponse: String?
}

extension Outbox {
    public func delivery(lessonID: String) throws -> DeliveryStatus? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM delivery WHERE lessonID = ?", arguments: [lessonID]).map(Self.delivery)
        }
    }

    /// Approved lessons whose next attempt is due at `now` (never tried, or retry time passed), oldest first.
    public func dueForSending(at now: Date) throws -> [StoredLesson] {
        let approved = try lessons(state: .approved).reversed()
        return try approved.filter { lesson in
            guard let status = try delivery(lessonID: lesson.id), let next = status.nextAttemptAt else { return true }
            return next <= now
        }
    }

    /// The earliest retry time among approved lessons, so the sender can sleep until then.
    public func nextRetry() throws -> Date? {
        try read { db in
            try Date.fetchOne(db, sql: """
                SELECT MIN(d.nextAttemptAt) FROM delivery d JOIN lesson l ON l.id = d.lessonID
                WHERE l.state = 'approved' AND d.nextAttemptAt IS NOT NULL
                """)
        }
    }

    /// When the oldest pending lesson was recorded, or nil when none is pending:
    /// the expiry timer needs only this, not every pending lesson.
    public func oldestPendingRecordedAt() throws -> Date? {
        try read { db in
            try Date.fetchOne(db, sql: "SELECT MIN(recordedAt) FROM lesson WHERE state = 'pending'")
        }
    }

    /// Records a failed attempt that will be retried at `retryAt` (the lesson stays approved).
    public func noteRetry(lessonID: String, error: String, retryAt: Date) throws {
        try write { db in
            try db.execute(sql: """
                INSERT INTO delivery (lessonID, attempts, nextAttemptAt, lastError) VALUES (?, 1, ?, ?)
                ON CONFLICT(lessonID) DO UPDATE SET attempts = attempts + 1, nextAttemptAt = excluded.nextAttemptAt,
                    lastError = excluded.lastError
                """, arguments: [lessonID, retryAt, error])
        }
    }

    /// Keeps what the hub answered for a lesson (e.g. the rules that quarantined it).
    public func noteHubResponse(lessonID: String, response: String) throws {
        try write { db in
            try db.execute(sql: """
                INSERT INTO delivery (lessonID, attempts, hubResponse) VALUES (?, 1, ?)
                ON CONFLICT(lessonID) DO UPDATE SET attempts = attempts + 1, hubResponse = excluded.hubResponse, nextAttemptAt = NULL
                """, arguments: [lessonID, response])
        }
    }

    /// A final lesson keeps only what the user saw: its evidence (transcript
    /// positions, the raw before/after) is forgotten. Refused by the database
    /// while the lesson is undecided.
    public func forgetEvidence(lessonID: String) throws {
        try write { db in
            try db.execute(sql: "DELETE FROM lessonEvidence WHERE lessonID = ?", arguments: [lessonID])
        }
    }

    private static func delivery(_ row: Row) -> DeliveryStatus {
        DeliveryStatus(
            lessonID: row["lessonID"], attempts: row["attempts"], nextAttemptAt: row["nextAttemptAt"],
            lastError: row["lastError"], hubResponse: row["hubResponse"])
    }
}
