import Foundation
import LoopCore
import LoopScheduling

/// systemd's watchdog, driven through the event loop: a sleeping task only
/// *asks* for a ping by yielding `.watchdog`; the ping itself is sent when the
/// actor handles that input. A hung or flooded actor therefore stops pinging
/// and systemd restarts it — a timer thread pinging on its own would hide that.
extension LoopDaemon {
    /// Start-up steps of the operational side: remembers that loopd has run
    /// with this outbox (see `DaemonOperations.hasRunBefore`) and starts the watchdog.
    func prepareOperations(into continuation: AsyncStream<DaemonInput>.Continuation) {
        let marker = "loopd:first-start"
        operations.hasRunBefore = ((try? outbox.harnessCursor(source: marker, as: String.self)) ?? nil) != nil
        if !operations.hasRunBefore { try? outbox.saveHarnessCursor(ISO8601.string(Date()), source: marker) }
        startWatchdog(into: continuation)
    }

    /// Starts the ping requests when systemd set `WATCHDOG_USEC` (half that
    /// interval, per sd_watchdog_enabled(3)); otherwise no task runs at all.
    func startWatchdog(into continuation: AsyncStream<DaemonInput>.Continuation) {
        guard let interval = notifier.watchdogInterval else { return }
        operations.watchdogTask = Task.detached {
            while !Task.isCancelled {
                try? await EventLoopSleep.sleep(for: interval)
                if Task.isCancelled { break }
                continuation.yield(.watchdog)
            }
        }
        logger.info("systemd watchdog enabled", metadata: ["loop.watchdog.interval": "\(interval)"])
    }

    func stopWatchdog() {
        operations.watchdogTask?.cancel()
        operations.watchdogTask = nil
    }

    /// The actor reached this input, so its loop is alive: tell systemd.
    func handleWatchdog() {
        notifier.watchdog()
        refreshPendingCount()
    }
}
