import LoopWatch

/// Everything that wakes the daemon, merged into one stream so the actor
/// handles one thing at a time in arrival order.
enum DaemonInput: Sendable {
    /// inotify saw something.
    case file(FileEvent)
    /// A working-tree file stopped changing and can be read.
    case settled(String)
    /// A pending change's wait for the transcript is over.
    case tick
    /// The outbox changed, or a retry or expiry time came: look for lessons to send or expire.
    case delivery
    /// ops: time for a systemd watchdog ping, sent only when the actor handles it (LoopDaemon+Watchdog.swift).
    case watchdog
    /// ops: retry lessons the outbox refused (LoopDaemon+RecordingRetry.swift).
    case retryRecording
}
