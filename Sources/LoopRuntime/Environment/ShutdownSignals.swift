#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// SIGTERM and SIGINT as an async sequence, for a graceful stop.
///
/// The signals are blocked in every thread and a dedicated thread takes them
/// with `sigwait(3)`, so an idle daemon waits in the kernel: no CPU, no timer.
/// (Dispatch signal sources did the same, but their handlers run on
/// libdispatch's worker pool, whose first worker starts a 1 s monitor timer;
/// see `EventLoopConcurrency`.)
public enum ShutdownSignals {
    /// The signals that mean "stop gracefully": `systemctl stop` sends SIGTERM, Ctrl-C SIGINT.
    public static let defaultSignals: [Int32] = [SIGTERM, SIGINT]

    /// A stream that yields each received signal number.
    ///
    /// Create it once, first thing in `main` on the main thread, before any
    /// other thread starts: threads inherit the blocked mask, so none of them
    /// takes the signal away from the waiting thread. When the stream
    /// terminates (its consumer is cancelled or drops it), the next such
    /// signal ends the process the usual way, so a second Ctrl-C after the
    /// consumer stopped listening still works.
    public static func stream(signals: [Int32] = defaultSignals) -> AsyncStream<Int32> {
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self, bufferingPolicy: .unbounded)
        var blocked = sigset_t()
        sigemptyset(&blocked)
        for signalNumber in signals { sigaddset(&blocked, signalNumber) }
        pthread_sigmask(SIG_BLOCK, &blocked, nil)
        let listening = ListeningFlag()
        continuation.onTermination = { _ in listening.value.store(false, ordering: .releasing) }
        let waitedFor = blocked
        let waiter = Thread {
            var blocked = waitedFor
            while true {
                var received: Int32 = 0
                guard sigwait(&blocked, &received) == 0 else { continue }
                guard listening.value.load(ordering: .acquiring) else {
                    // Nobody listens any more: the default action (terminate).
                    _ = signal(received, SIG_DFL)
                    var only = sigset_t()
                    sigemptyset(&only)
                    sigaddset(&only, received)
                    pthread_sigmask(SIG_UNBLOCK, &only, nil)
                    raise(received)
                    continue
                }
                continuation.yield(received)
            }
        }
        waiter.name = "loop.signals"
        waiter.start()
        return stream
    }
}

/// Whether the stream still has a consumer; shared by its termination handler and the waiting thread.
private final class ListeningFlag: Sendable {
    let value = Atomic<Bool>(true)
}
