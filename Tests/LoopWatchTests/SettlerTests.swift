import Testing
@testable import LoopWatch

@Suite struct SettlerTests {
    @Test func burstOfTouchesSettlesOnce() async throws {
        let settler = Settler(delay: .milliseconds(1_000))
        let settled = await StreamRecorder.start(settler.settled)
        let clock = ContinuousClock()
        let start = clock.now
        var lastTouch = start
        var longestGap = Duration.zero
        for _ in 0..<5 {
            await settler.touch("/w/a.swift")
            longestGap = max(longestGap, clock.now - lastTouch)
            lastTouch = clock.now
            try await Task.sleep(for: .milliseconds(30))
        }
        #expect(await settled.first { $0 == "/w/a.swift" } != nil)
        // Not before the quiet period after the last touch (4 gaps of 30 ms + 1,000 ms).
        #expect(clock.now - start >= .milliseconds(1_120))
        await settler.touch("/w/sentinel")
        #expect(await settled.first { $0 == "/w/sentinel" } != nil)
        // A machine so loaded that a 30 ms sleep took a whole quiet period really
        // did leave the path quiet that long; only a burst can be held to "once".
        if longestGap < .milliseconds(900) {
            #expect(await settled.elements == ["/w/a.swift", "/w/sentinel"])
        } else {
            #expect(await settled.elements.last == "/w/sentinel")
            print("burstOfTouchesSettlesOnce: a gap of \(longestGap) between touches; not a burst, 'once' not checked")
        }
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
