import LoopCore
import Testing

/// Every spelling of a key is found with its line; values are skipped, not judged.
@Suite struct TOMLDefinitionsTests {
    static func paths(_ text: String) throws -> [[String]] {
        try TOMLDefinitions.scan(text).map(\.path)
    }

    @Test(arguments: [
        ("[ mcp_servers . loop ]\ncommand = \"x\"\n", 1),
        ("\n[mcp_servers.\"loop\"]\n", 2),
        ("[[mcp_servers.'loop']]\n", 1),
        ("[mcp_servers]\nloop = { command = \"x\" }\n", 2),
        ("mcp_servers.loop.command = \"x\"\n", 1),
        ("mcp_servers = {\n  loop = { command = \"x\" } }\n", 2),
        ("a = \"\"\"\n[x]\n\"\"\"\n[mcp_servers]\n\"loop\".args = []\n", 5),
    ])
    func findsMcpServersLoopInEverySpelling(_ text: String, _ line: Int) throws {
        let found = try TOMLDefinitions.scan(text).first { $0.path.starts(with: ["mcp_servers", "loop"]) }
        #expect(found?.line == line)
    }

    @Test func skipsValuesItDoesNotInterpret() throws {
        let text = "when = 1979-05-27 07:32:00Z # a date\nlist = [ { a = 1 }, [2, 3], 'x' ]\n[t]\nnested = { b = { c = true } }\n"
        #expect(try Self.paths(text) == [["when"], ["list"], ["list", "a"], ["t"], ["t", "nested"], ["t", "nested", "b"], ["t", "nested", "b", "c"]])
    }

    @Test func reportsTheLineOfTextThatIsNotTOML() {
        #expect(throws: TOMLError(line: 2, message: "expected a key")) { try TOMLDefinitions.scan("a = 1\n= 2\n") }
        #expect(throws: TOMLError.self) { try TOMLDefinitions.scan("s = \"open\n") }
    }
}
