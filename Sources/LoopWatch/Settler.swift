import LoopScheduling

/// Turns a burst of changes to one path into a single "settled" notification.
///
/// Editors and agents often write a file several times in quick succession
/// (truncate, write, rename, chmod). Each ``touch(_:)`` pushes the path's
/// deadline to `now + delay`; once a path has seen no touch for `delay` it is
/// delivered on ``settled``. A zero delay delivers at once.
///
/// Nothing polls: one task sleeps until the earliest deadline. Since every
/// deadline is `now + delay` with one fixed delay, a new deadline is never
/// earlier than one already pending, so the sleeping task never needs waking
/// early; when it wakes to find a deadline pushed later, it sleeps again.
public actor Settler {
    /// Paths that settled, each once per burst. Single consumer; finishes after ``finish()``.
    public nonisolated let settled: AsyncStream<String>

    private let delay: Duration
    private let clock = ContinuousClock()
    private let continuation: AsyncStream<String>.Continuation
    private var deadlines: [String: ContinuousClock.Instant] = [:]
    private var timer: Task<Void, Never>?

    /// - Parameter delay: quiet time after the last touch before a path counts as settled.
    public init(delay: Duration) {
        self.delay = delay
        (settled, continuation) = AsyncStream.makeStream(of: String.self)
    }

    /// Records a change to `path`.
    public func touch(_ path: String) {
        guard delay > .zero else {
            continuation.yield(path)
            return
        }
        deadlines[path] = clock.now.advanced(by: delay)
        if timer == nil {
            timer = Task { await self.runTimer() }
        }
    }

    /// Paths touched but not yet settled.
    public var pendingCount: Int { deadlines.count }

    /// Drops pending paths and finishes ``settled``.
    public func finish() {
        timer?.cancel()
        timer = nil
        deadlines.removeAll()
        continuation.finish()
    }

    private func runTimer() async {
        while let earliest = deadlines.values.min() {
            do {
                try await EventLoopSleep.sleep(until: earliest)
            } catch {
                return  // cancelled by finish()
            }
            let now = clock.now
            let due = deadlines.filter { $0.value <= now }.map(\.key).sorted()
            for path in due {
                deadlines[path] = nil
                continuation.yield(path)
            }
        }
        timer = nil
    }
}
