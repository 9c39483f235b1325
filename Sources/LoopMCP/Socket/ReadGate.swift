import Synchronization

/// Where a connection's reader waits while the connection has as many
/// unanswered requests as it may (SocketTransport.maxUnanswered).
///
/// A lock rather than actor state: the server's cancellation handler, which
/// is synchronous and must not start a task, has to be able to wake the
/// reader (`stop`) so a connection whose client never reads still ends when
/// loopd stops.
final class ReadGate: Sendable {
    private struct State {
        var waiter: CheckedContinuation<Void, Never>?
        var stopped = false
    }
    private let state = Mutex(State())

    /// Suspends until `open` or `stop`; returns at once once stopped.
    func wait() async {
        await withCheckedContinuation { continuation in
            let stopped = state.withLock { state in
                if !state.stopped { state.waiter = continuation }
                return state.stopped
            }
            if stopped { continuation.resume() }
        }
    }

    /// Lets a waiting reader re-check whether it may read.
    func open() {
        // Resumed outside the lock: the resumed task may run on this thread at once.
        state.withLock { state in defer { state.waiter = nil }; return state.waiter }?.resume()
    }

    /// Wakes the reader for good: the connection is ending.
    func stop() {
        state.withLock { state in
            state.stopped = true
            defer { state.waiter = nil }
            return state.waiter
        }?.resume()
    }

    var isStopped: Bool { state.withLock { $0.stopped } }
}
