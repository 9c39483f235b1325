import Testing
@Test func LoopWatchTestsPlaceholder() { #expect(Bool(true)) }
