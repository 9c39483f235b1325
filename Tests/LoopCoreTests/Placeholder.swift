import Testing
@Test func LoopCoreTestsPlaceholder() { #expect(Bool(true)) }
