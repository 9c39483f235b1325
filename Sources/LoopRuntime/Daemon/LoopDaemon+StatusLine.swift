import Foundation
import LoopCore

/// The one-line `STATUS=` systemd shows in `systemctl --user status loopd`:
/// "watching 3 harnesses, 41 files, 2 pending", plus what needs attention.
extension LoopDaemon {
    var statusLine: String {
        Self.statusLine(
            harnesses: Set(options.transcriptRoots.filter { watchedRoots.contains($0.path) }.map(\.kind)).count,
            files: followers.count + openCodeReaders.count,
            pending: operations.pendingLessons,
            unrecorded: operations.unrecorded.count,
            watchLimitReached: status.watchLimitReached)
    }

    static func statusLine(harnesses: Int, files: Int, pending: Int, unrecorded: Int, watchLimitReached: Bool) -> String {
        var line = "watching \(harnesses) \(harnesses == 1 ? "harness" : "harnesses"), "
            + "\(files) \(files == 1 ? "file" : "files"), \(pending) pending"
        if unrecorded > 0 { line += ", \(unrecorded) not yet recorded (outbox unavailable, retrying)" }
        if watchLimitReached { line += ", inotify watch limit reached" }
        return line
    }

    /// Re-reads the number of pending lessons (after a record, a delivery
    /// wake-up — the outbox file changed — or a watchdog ping).
    func refreshPendingCount() {
        if let counts = try? outbox.counts() { operations.pendingLessons = counts[.pending] ?? 0 }
    }

    /// Sends `STATUS=` when the line changed since the last one sent.
    func publishStatusLine() {
        let line = statusLine
        guard line != operations.lastStatusLine else { return }
        operations.lastStatusLine = line
        notifier.status(line)
    }
}
