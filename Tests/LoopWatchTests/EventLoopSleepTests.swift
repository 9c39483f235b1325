import LoopScheduling
import Testing

/// loopd's replacement for `Task.sleep` (see EventLoopSleep): it must wait as
/// long as asked and end at once, with CancellationError, when cancelled.
struct EventLoopSleepTests {
    @Test func sleepsAtLeastTheDuration() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        try await EventLoopSleep.sleep(for: .milliseconds(60))
        #expect(clock.now - start >= .milliseconds(60))
    }

    @Test func sleepsUntilADeadline() async throws {
        let deadline = ContinuousClock.now.advanced(by: .milliseconds(40))
        try await EventLoopSleep.sleep(until: deadline)
        #expect(ContinuousClock.now >= deadline)
    }

    @Test func aPastDeadlineReturnsAtOnce() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        try await EventLoopSleep.sleep(until: start.advanced(by: .seconds(-600)))
        // Bounds are loose: the parallel test run can keep every thread busy for seconds.
        #expect(clock.now - start < .seconds(300), "a deadline 10 min ago is not a 10 min wait")
    }

    @Test func extremeDurationsNeitherTrapNorWaitWhenPast() async throws {
        try await EventLoopSleep.sleep(for: .seconds(Int64.min / 2))
        let sleeper = Task { try await EventLoopSleep.sleep(for: .seconds(Int64.max / 2)) }
        sleeper.cancel()
        let result = await sleeper.result
        #expect(throws: CancellationError.self) { try result.get() }
    }

    @Test func cancellationEndsTheSleepWithCancellationError() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let sleeper = Task { try await EventLoopSleep.sleep(for: .seconds(600)) }
        try await Task.sleep(for: .milliseconds(20))
        sleeper.cancel()
        let result = await sleeper.result
        #expect(throws: CancellationError.self) { try result.get() }
        #expect(clock.now - start < .seconds(300), "a cancelled sleep does not run its course")
    }

    @Test func anAlreadyCancelledTaskDoesNotSleep() async throws {
        let sleeper = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            try await EventLoopSleep.sleep(for: .seconds(600))
        }
        let result = await sleeper.result
        #expect(throws: CancellationError.self) { try result.get() }
    }
}
