import Testing
@testable import LoopWatch

@Suite struct SettlerTests {
    @Test func burstOfTouchesSettlesOnce() async throws {
        // A quiet period far longer than the gaps between touches, so a loaded
        // machine stretching a 30 ms sleep cannot split the burst.
        let settler = Settler(delay: .milliseconds(1_000))
        let settled = await StreamRecorder.start(settler.settled)
        let clock = ContinuousClock()
        let start = clock.now
        for _ in 0..<5 {
            await settler.touch("/w/a.swift")
            try await Task.sleep(for: .milliseconds(30))
        }
        #expect(await settled.first { $0 == "/w/a.swift" } != nil)
        // Not before the quiet period after the last touch (4 gaps of 30 ms + 1,000 ms).
        #expect(clock.now - start >= .milliseconds(1_120))
        await settler.touch("/w/sentinel")
        #expect(await settled.first { $0 == "/w/sentinel" } != nil)
        #expect(await settled.elements == ["/w/a.swift", "/w/sentinel"])
        #expect(await settler.pendingCount == 0)
        await settler.finish()
    }

    @Test func differentPathsSettleIndependently() async throws {
        let settler = Settler(delay: .milliseconds(50))
        let settled = await StreamRecorder.start(settler.settled)
        await settler.touch("/w/a")
        await settler.touch("/w/b")
        #expect(await settled.first { $0 == "/w/a" } != nil)
        #expect(await settled.first { $0 == "/w/b" } != nil)
        await settler.finish()
    }

    @Test func zeroDelayDeliversImmediately() async throws {
        let settler = Settler(delay: .zero)
        let settled = await StreamRecorder.start(settler.settled)
        await settler.touch("/w/a")
        await settler.touch("/w/a")
        #expect(await settled.first(within: .seconds(1)) { $0 == "/w/a" } != nil)
        await settler.finish()
        #expect(await settled.waitUntilFinished())
        #expect(await settled.elements == ["/w/a", "/w/a"])
    }
}
