import Testing
@testable import LoopCore

@Suite("TOML reading and line edits")
struct TOMLTests {
    @Test func readsTheSubsetLoopUses() throws {
        let table = try TOMLSubset.parse("""
            title = "loop" # comment
            [detector]
            settle_ms = 1_000
            ratio = 0.5
            on = true
            list = ['a', "b\\tc", \"\"\"multi
            line\"\"\"]
            [[rules]]
            id = "one"
            regex = '''(?i)key=\\w+'''
            [[rules]]
            id = "two"
            [rules.allowlist]
            regexes = ["x"]
            """)
        #expect(table["title"]?.string == "loop")
        let detector = try #require(table["detector"]?.table)
        #expect(detector["settle_ms"]?.integer == 1_000)
        #expect(detector["ratio"]?.double == 0.5)
        #expect(detector["on"]?.bool == true)
        #expect(detector["list"]?.strings == ["a", "b\tc", "multi\nline"])
        let rules = try #require(table["rules"]?.tables)
        #expect(rules.map { $0["id"]?.string } == ["one", "two"])
        #expect(rules[0]["regex"]?.string == "(?i)key=\\w+")
        #expect(rules[1]["allowlist"]?.table?["regexes"]?.strings == ["x"])
    }

    @Test(arguments: [
        ("a = ", 1), ("[x]\na = 1\na = 2", 3), ("a = \"open", 1), ("a = {b = 1}", 1), ("a = 1 2", 1), ("s = \"\\q\"", 1),
    ])
    func errorsNameTheLine(_ text: String, _ line: Int) {
        #expect(throws: TOMLError.self) { try TOMLSubset.parse(text) }
        do { _ = try TOMLSubset.parse(text) } catch { #expect(error.line == line) }
    }

    @Test func setStringKeepsCommentsAndOrder() throws {
        let original = "# my loop config\n[detector]\nsettle_ms = 10 # fast\n\n[redaction]\ndeny_names = [\"Jane\"]\n"
        let added = TOMLEdit.setString(original, section: "hub", key: "url", value: "http://127.0.0.1:8080")
        #expect(added == original + "\n[hub]\nurl = \"http://127.0.0.1:8080\"\n")
        let replaced = TOMLEdit.setString(added, section: "hub", key: "url", value: "https://hub.example")
        #expect(replaced == original + "\n[hub]\nurl = \"https://hub.example\"\n")
        let intoSection = TOMLEdit.setString(original, section: "detector", key: "transcript_lag_ms", value: "x")
        #expect(intoSection.contains("settle_ms = 10 # fast\ntranscript_lag_ms = \"x\"\n\n[redaction]"))
        #expect(TOMLEdit.setString("", section: "hub", key: "url", value: "u") == "[hub]\nurl = \"u\"\n")
        #expect(try TOMLSubset.parse(replaced)["hub"]?.table?["url"]?.string == "https://hub.example")
    }
}
