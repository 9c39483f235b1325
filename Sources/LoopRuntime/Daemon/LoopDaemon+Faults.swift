import Foundation
import LoopCore
import LoopWatch

/// What the daemon does when the kernel drops events or runs out of watches.
extension LoopDaemon {
    /// After `IN_Q_OVERFLOW` the events of files the agent wrote may be lost:
    /// compare each with the disk now, as if it had settled. Files that did not
    /// change produce no decision (the detector compares content).
    func rescanAgentWrittenFiles() {
        let files = detector.agentWrittenFiles.sorted()
        logger.notice("rescanning files the agent wrote after lost events", metadata: ["loop.count": "\(files.count)"])
        for file in files { workingTreeFileSettled(file) }
    }

    /// ENOSPC from inotify: what is watched keeps working; the rest is said
    /// loudly in the journal (error), status.json and STATUS=.
    func watchLimitReached(at path: String) {
        status.watchLimitReached = true
        note(error: "inotify watch limit reached at \(path): changes below it are not seen; "
            + "raise it with `sudo sysctl fs.inotify.max_user_watches=524288` (see `loopctl doctor`)")
    }
}

/// The outbox refused an earlier lesson that is still waiting: this one waits behind it.
struct OutboxUnavailable: Error, CustomStringConvertible {
    var description: String { "the outbox refused an earlier lesson; waiting for it to recover" }
}
