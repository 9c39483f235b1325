import Testing
@Test func mcpPlaceholder() { #expect(Bool(true)) }
