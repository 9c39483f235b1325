@testable import LoopCore
import Testing

@Suite("TOMLEdit: integers and string arrays")
struct TOMLEditValueTests {
    let original = """
        # my settings
        [detector]
        settle_ms = 300   # default
        track = [
          "prd-*",   # ours
          "acme:*",
        ]

        [hub]
        url = "http://old"
        """

    @Test func setIntegerReplacesOnlyThatLine() throws {
        let edited = TOMLEdit.setInteger(original, section: "detector", key: "settle_ms", value: 120)
        #expect(edited.contains("settle_ms = 120\n"))
        #expect(edited.contains("# my settings"))
        #expect(edited.contains("url = \"http://old\""))
        let parsed = try TOMLSubset.parse(edited)
        #expect(parsed["detector"]?.table?["settle_ms"]?.integer == 120)
    }

    @Test func setStringArrayReplacesAMultiLineArrayWhole() throws {
        let edited = TOMLEdit.setStringArray(original, section: "detector", key: "track", value: ["a\"b", "c"])
        #expect(edited.contains(#"track = ["a\"b", "c"]"#))
        #expect(!edited.contains("acme"))
        let parsed = try TOMLSubset.parse(edited)
        #expect(parsed["detector"]?.table?["track"]?.strings == ["a\"b", "c"])
        #expect(parsed["detector"]?.table?["settle_ms"]?.integer == 300)
    }

    @Test func newKeysAndSectionsAreAdded() throws {
        let edited = TOMLEdit.setInteger(original, section: "delivery", key: "expire_days", value: 7)
        let withArray = TOMLEdit.setStringArray(edited, section: "hub", key: "extra", value: [])
        let parsed = try TOMLSubset.parse(withArray)
        #expect(parsed["delivery"]?.table?["expire_days"]?.integer == 7)
        #expect(parsed["hub"]?.table?["extra"]?.strings == [])
        #expect(TOMLEdit.setInteger("", section: "detector", key: "settle_ms", value: 1) == "[detector]\nsettle_ms = 1\n")
    }

    @Test func bracketsInsideStringsAndCommentsDoNotCount() {
        #expect(TOMLEdit.bracketDepth(#"track = ["[x", # ]"#) == 1)
        #expect(TOMLEdit.bracketDepth(#"a = ["]"]"#) == 0)
    }
}
