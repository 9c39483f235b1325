import Foundation
import LoopCore
import LoopHarness
import Testing

/// The patch grammar through the decoder (the parser is internal): several
/// files in one patch, CRLF, and a patch without "*** End Patch".
struct CodexPatchGrammarTests {
    typealias L = CodexTestLines

    @Test("one patch, several files and chunks")
    func multiFile() throws {
        let patch = """
        *** Begin Patch\r
        *** Add File: docs/new.md\r
        +# Title\r
        +\r
        +Body\r
        *** Update File: src/main.swift\r
        @@ struct A {\r
        -    let a = 1\r
        +    let a = 2\r
        @@ struct B {\r
        \r
        +    let b = 3\r
        *** Delete File: tmp.txt\r
        *** End Patch
        """
        let (events, _) = L.decode([L.meta, L.customToolCall(patch, id: "p1"), L.customOutput("Success.", id: "p1")])
        let edits = L.edits(events)
        try #require(edits.map(\.file) == ["/repo/docs/new.md", "/repo/src/main.swift", "/repo/tmp.txt"])
        #expect(edits[0].after == "# Title\n\nBody\n")
        #expect(edits[1].hunks.map(\.lines) == [["-    let a = 1", "+    let a = 2"], [" ", "+    let b = 3"]])
    }

    @Test("missing End Patch is tolerated; text without Begin Patch is no patch")
    func lenient() {
        let (events, _) = L.decode([
            L.meta,
            L.customToolCall("*** Begin Patch\n*** Add File: a\n+x", id: "p2"), L.customOutput("ok", id: "p2"),
            L.functionCall("apply_patch", ["input": "just prose"], id: "p3"), L.functionOutput("ok", id: "p3"),
        ])
        #expect(L.edits(events).map(\.file) == ["/repo/a"])
    }
}
