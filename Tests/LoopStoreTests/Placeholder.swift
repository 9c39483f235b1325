import Testing
@Test func LoopStoreTestsPlaceholder() { #expect(Bool(true)) }
