import Foundation
import GRDB
import LoopCore
#if canImport(Glibc)
import Glibc
#endif

/// A sender's hold on one approved lesson while it posts it (table `sendClaim`).
public struct SendClaim: Sendable, Hashable {
    public var lessonID: String
    public var actor: Actor
    public var pid: Int32
    public var claimedAt: Date
    public var expiresAt: Date
}

/// What asking to send a lesson found.
public enum SendClaimResult: Sendable {
    /// The caller holds the lesson until it calls `releaseSend`.
    case claimed(SendClaim)
    /// Another live sender is posting it now.
    case heldBy(SendClaim)
    /// The lesson is not approved (any more), or not due yet: nothing to send.
    case notSendable(StoredLesson?)
}

extension Outbox {
    /// How long a claim holds without its owner releasing it: longer than a
    /// send (the hub client gives up after 15 s, same-origin redirects included).
    public static let sendLease: TimeInterval = 120

    /// Takes the lesson for sending, in one IMMEDIATE transaction: it must be
    /// approved (and, with `dueAt`, its retry time passed), and nobody else may
    /// hold it, unless their lease ran out or their process is gone.
    public func claimSend(
        lessonID: String, actor: Actor, pid: Int32 = getpid(), at now: Date = Date(), dueAt: Date? = nil,
        lease: TimeInterval = Outbox.sendLease
    ) throws -> SendClaimResult {
        let outcome: (SendClaimResult?, Bool) = try write { db in
            let state = try String.fetchOne(db, sql: "SELECT state FROM lesson WHERE id = ?", arguments: [lessonID])
            guard state == LessonState.approved.rawValue else { return (nil, false) }
            if let dueAt, let next = try Date.fetchOne(db, sql: "SELECT nextAttemptAt FROM delivery WHERE lessonID = ?", arguments: [lessonID]),
               next > dueAt {
                return (nil, false)
            }
            if let held = try Row.fetchOne(db, sql: "SELECT * FROM sendClaim WHERE lessonID = ?", arguments: [lessonID]).map(Self.sendClaim),
               held.expiresAt > now, Self.processIsAlive(held.pid) {
                return (.heldBy(held), true)
            }
            let claim = SendClaim(lessonID: lessonID, actor: actor, pid: pid, claimedAt: now, expiresAt: now.addingTimeInterval(lease))
            try db.execute(sql: """
                INSERT INTO sendClaim (lessonID, actor, pid, claimedAt, expiresAt) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(lessonID) DO UPDATE SET actor = excluded.actor, pid = excluded.pid,
                    claimedAt = excluded.claimedAt, expiresAt = excluded.expiresAt
                """, arguments: [lessonID, actor.rawValue, Int(pid), now, claim.expiresAt])
            return (.claimed(claim), true)
        }
        if let result = outcome.0 { return result }
        return .notSendable(try lesson(id: lessonID))
    }

    /// Gives the lesson back once its send has a result (recorded first).
    public func releaseSend(lessonID: String, pid: Int32 = getpid()) throws {
        try write { db in
            try db.execute(sql: "DELETE FROM sendClaim WHERE lessonID = ? AND pid = ?", arguments: [lessonID, Int(pid)])
        }
    }

    /// Who holds the lesson now, if anyone (an expired row included).
    public func sendClaim(lessonID: String) throws -> SendClaim? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM sendClaim WHERE lessonID = ?", arguments: [lessonID]).map(Self.sendClaim)
        }
    }

    /// When the earliest claim on a still-approved lesson runs out: a sender
    /// that skipped a held lesson looks again then, should its owner have died
    /// without a word (a finished send changes the outbox, which wakes loopd).
    /// Only claims still running at `now` count: one already over needs no timer.
    public func nextSendClaimExpiry(after now: Date = Date()) throws -> Date? {
        try read { db in
            try Date.fetchOne(db, sql: """
                SELECT MIN(c.expiresAt) FROM sendClaim c JOIN lesson l ON l.id = c.lessonID
                WHERE l.state = 'approved' AND c.expiresAt > ?
                """, arguments: [now])
        }
    }

    /// Signal 0 asks the kernel whether the process exists (EPERM: it does, another user's).
    static func processIsAlive(_ pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    private static func sendClaim(_ row: Row) -> SendClaim {
        SendClaim(
            lessonID: row["lessonID"], actor: Actor(rawValue: row["actor"]) ?? .daemon, pid: Int32(row["pid"] as Int),
            claimedAt: row["claimedAt"], expiresAt: row["expiresAt"])
    }
}
