import Foundation
import LoopCore

/// The daemon's operational state (systemd status line, recording retries),
/// kept in one value so `LoopDaemon` needs a single stored property for it.
struct DaemonOperations: Sendable {
    /// The last `STATUS=` text sent, so systemd is told only about changes.
    var lastStatusLine: String?
    /// Pending lessons in the outbox, refreshed when the outbox may have changed.
    var pendingLessons = 0
    /// Lessons the outbox refused (disk full, read-only, locked): kept in
    /// memory, in order, and retried until they are stored.
    var unrecorded: [UnrecordedLesson] = []
    /// How many retries in a row have failed, for the backoff.
    var failedRetries = 0
    var retryTimer: Task<Void, Never>?
    var watchdogTask: Task<Void, Never>?
    /// An earlier loopd used this outbox. Transcripts found at start without a
    /// cursor were then written while loopd was down (or before it got to them,
    /// e.g. after a kill -9): their corrections are live, not history.
    var hasRunBefore = false

    /// 1 s, 2 s, 4 s … capped at 30 s: quick recovery from a short lock, no
    /// busy loop while a disk stays full.
    var retryDelay: Duration {
        .seconds(min(30, 1 << min(failedRetries, 5)))
    }
}

/// A synthesized lesson the outbox has not accepted yet. The lesson id is
/// fixed at synthesis, so a retry that races a successful earlier attempt is
/// `alreadyRecorded`, never a duplicate.
struct UnrecordedLesson: Sendable {
    var lesson: Lesson
    var evidence: Evidence
    var debounceKey: DebounceKey
    var sessionID: String
    var firstFailure: Date
}
