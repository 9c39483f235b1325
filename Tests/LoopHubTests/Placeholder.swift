import Testing
@Test func hubPlaceholder() { #expect(Bool(true)) }
