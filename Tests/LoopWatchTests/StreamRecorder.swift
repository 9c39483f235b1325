/// Drains an `AsyncStream` into memory so tests can wait for a matching
/// element with a deadline instead of sleeping, and can check what was not seen.
///
/// Iterating the stream directly from a test would be fragile: cancelling a
/// task blocked in `next()` finishes an `AsyncStream` for good.
actor StreamRecorder<Element: Sendable> {
    private(set) var elements: [Element] = []
    private(set) var isFinished = false
    private var waiters: [Int: (match: @Sendable (Element) -> Bool, continuation: CheckedContinuation<Element?, Never>)] = [:]
    private var timeouts: [Int: Task<Void, Never>] = [:]
    private var finishWaiters: [CheckedContinuation<Void, Never>] = []
    private var nextWaiterID = 0
    private var drain: Task<Void, Never>?

    static func start(_ stream: AsyncStream<Element>) async -> StreamRecorder {
        let recorder = StreamRecorder()
        await recorder.drain(stream)
        return recorder
    }

    private func drain(_ stream: AsyncStream<Element>) {
        drain = Task {
            for await element in stream { self.append(element) }
            self.markFinished()
        }
    }

    private func append(_ element: Element) {
        elements.append(element)
        for (id, waiter) in waiters where waiter.match(element) {
            waiters[id] = nil
            timeouts.removeValue(forKey: id)?.cancel()
            waiter.continuation.resume(returning: element)
        }
    }

    private func markFinished() {
        isFinished = true
        let pending = waiters
        waiters.removeAll()
        for waiter in pending.values { waiter.continuation.resume(returning: nil) }
        for task in timeouts.values { task.cancel() }
        timeouts.removeAll()
        for waiter in finishWaiters { waiter.resume() }
        finishWaiters.removeAll()
    }

    /// The first element (already seen or still to come) matching `match`, or nil after `timeout`.
    func first(within timeout: Duration = .seconds(5), where match: @escaping @Sendable (Element) -> Bool) async -> Element? {
        if let seen = elements.first(where: match) { return seen }
        if isFinished { return nil }
        let id = nextWaiterID
        nextWaiterID += 1
        return await withCheckedContinuation { continuation in
            waiters[id] = (match, continuation)
            timeouts[id] = Task {
                guard (try? await Task.sleep(for: timeout)) != nil else { return }
                self.expire(id)
            }
        }
    }

    /// Waits until the stream finishes, or `timeout`. Returns whether it finished.
    func waitUntilFinished(within timeout: Duration = .seconds(5)) async -> Bool {
        let deadline = Task { [weak self] in
            guard (try? await Task.sleep(for: timeout)) != nil else { return }
            await self?.markFinishWaitersTimedOut()
        }
        defer { deadline.cancel() }
        if !isFinished {
            await withCheckedContinuation { finishWaiters.append($0) }
        }
        return isFinished
    }

    private func markFinishWaitersTimedOut() {
        let pending = finishWaiters
        finishWaiters.removeAll()
        for waiter in pending { waiter.resume() }
    }

    private func expire(_ id: Int) {
        timeouts[id] = nil
        guard let waiter = waiters.removeValue(forKey: id) else { return }
        waiter.continuation.resume(returning: nil)
    }
}
