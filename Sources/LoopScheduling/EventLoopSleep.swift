import NIOCore
import NIOPosix

/// `Task.sleep` on NIO's event loops: a scheduled task that resumes the caller.
///
/// Why not `Task.sleep`: since Swift 6.2 it hands the timer to the default
/// executor's own scheduling (`DispatchGlobalTaskExecutor`, `dispatch_after`
/// on a global queue), past the hook `EventLoopConcurrency` installs. The job
/// then runs on a libdispatch worker, and the first such worker starts
/// libdispatch's 1 s pool monitor for the rest of the process.
/// loopd's waits all go through here instead.
public enum EventLoopSleep {
    /// Suspends for `duration`; throws `CancellationError` when the task is
    /// cancelled first (as `Task.sleep` does).
    public static func sleep(for duration: Duration) async throws {
        let (seconds, attoseconds) = duration.components
        let nanoseconds: Int64
        if duration <= .zero {
            nanoseconds = 0  // a deadline already past: just yield to cancellation
        } else if seconds >= Int64.max / 1_000_000_000 - 1 {
            nanoseconds = Int64.max  // beyond ~292 years the wait is as good as forever
        } else {
            nanoseconds = seconds * 1_000_000_000 + attoseconds / 1_000_000_000
        }
        try await sleep(nanoseconds: nanoseconds)
    }

    /// Suspends until `deadline` on the continuous clock.
    public static func sleep(until deadline: ContinuousClock.Instant) async throws {
        try await sleep(for: ContinuousClock.now.duration(to: deadline))
    }

    private static func sleep(nanoseconds: Int64) async throws {
        try Task.checkCancellation()
        let scheduled = MultiThreadedEventLoopGroup.singleton.any().scheduleTask(in: .nanoseconds(nanoseconds)) {}
        do {
            try await withTaskCancellationHandler {
                try await scheduled.futureResult.get()
            } onCancel: {
                scheduled.cancel()
            }
        } catch {
            throw CancellationError()  // the only way the scheduled task fails
        }
    }
}
