import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// SIGTERM and SIGINT as an async sequence, for a graceful stop.
///
/// The process-wide default actions (terminate at once) are replaced by SIG_IGN so
/// the signals reach the dispatch sources instead of killing the process; dispatch
/// waits for them in the kernel (signalfd/epoll), so an idle daemon uses no CPU.
public enum ShutdownSignals {
    /// The signals that mean "stop gracefully": `systemctl stop` sends SIGTERM, Ctrl-C SIGINT.
    public static let defaultSignals: [Int32] = [SIGTERM, SIGINT]

    /// A stream that yields each received signal number.
    ///
    /// Create it once, early in `main` (on the main thread, or from an async `main`),
    /// before any work that should be stopped gracefully. When the stream terminates
    /// (its consumer is cancelled or drops it), the sources are cancelled and the
    /// default actions restored, so a second Ctrl-C after the consumer stopped
    /// listening ends the process the usual way.
    public static func stream(signals: [Int32] = defaultSignals) -> AsyncStream<Int32> {
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self, bufferingPolicy: .unbounded)
        let queue = DispatchQueue(label: "loop.shutdown-signals")
        var sources: [any DispatchSourceSignal] = []
        // The kernel discards a process-directed signal whose action is SIG_IGN unless the
        // main thread blocks it; dispatch's signalfd then never sees it. dispatch_main (async
        // main) blocks signals on the main thread; blocking here covers a synchronous main
        // that calls this before starting threads (new threads inherit the mask).
        var blocked = sigset_t()
        sigemptyset(&blocked)
        for signalNumber in signals { sigaddset(&blocked, signalNumber) }
        pthread_sigmask(SIG_BLOCK, &blocked, nil)
        for signalNumber in signals {
            // Ignore first: a signal arriving between the two calls is then dropped
            // rather than killing the process before the source is installed.
            _ = signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler { continuation.yield(signalNumber) }
            source.resume()
            sources.append(source)
        }
        let retained = RetainedSignalSources(sources: sources, signals: signals)
        continuation.onTermination = { _ in retained.cancel() }
        return stream
    }
}

/// Keeps the dispatch sources alive for as long as the stream exists.
///
/// `@unchecked Sendable` is safe because both stored properties are `let` and
/// never mutated after init, and `DispatchSource.cancel()` is thread-safe; the
/// only call site is the stream's termination handler, which runs once.
private final class RetainedSignalSources: @unchecked Sendable {
    private let sources: [any DispatchSourceSignal]
    private let signals: [Int32]

    init(sources: [any DispatchSourceSignal], signals: [Int32]) {
        self.sources = sources
        self.signals = signals
    }

    func cancel() {
        for source in sources { source.cancel() }
        for signalNumber in signals { _ = signal(signalNumber, SIG_DFL) }
    }
}
