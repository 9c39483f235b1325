import Testing
@Test func LoopHarnessTestsPlaceholder() { #expect(Bool(true)) }
