import LoopCore
import Testing

@Suite struct RedactionOrgRuleTests {
    static let toml = """
        title = "acme rules"
        [allowlist]
        stopwords = ["acme_test_"]

        [[rules]]
        id = "acme-deploy-key"
        description = "ACME deploy keys"
        regex = '''\\b(acme_[a-z0-9]{24})\\b'''
        keywords = ["acme_"]
        entropy = 3.0
        [[rules.allowlists]]
        regexes = ['''acme_0{24}''']

        [[rules]]
        id = "acme-internal"
        regex = "INT-[0-9]{6}"
        secretGroup = 0
        """

    @Test func orgRulesRedactAndRespectAllowlists() throws {
        let rules = try GitleaksConfig.parse(Self.toml)
        #expect(rules.rules.map(\.id) == ["acme-deploy-key", "acme-internal"])
        let redactor = Redactor(orgRules: rules)
        #expect(redactor.redact("key acme_k3j4h5g6f7d8s9a0p1o2i3u4 here") == "key <secret:acme-deploy-key> here")
        #expect(redactor.redact("key acme_000000000000000000000000") == "key acme_000000000000000000000000")
        #expect(redactor.redact("ticket INT-123456") == "ticket <secret:acme-internal>")
        #expect(redactor.verify("ticket INT-123456") == ["secret:acme-internal"])
    }

    @Test func badTOMLNamesTheLine() {
        #expect(throws: TOMLError(line: 3, message: "unterminated string")) {
            try GitleaksConfig.parseRules("[[rules]]\nid = \"x\"\nregex = 'abc\n")
        }
        #expect(throws: TOMLError(line: 1, message: "[[rules]] without an id")) {
            try GitleaksConfig.parseRules("[[rules]]\nregex = 'abc'\n")
        }
    }

    @Test func badRegexIsAnErrorNamingTheRule() {
        #expect(throws: OrgRuleError.self) { try GitleaksConfig.parse("[[rules]]\nid = \"broken\"\nregex = '''([a-z'''\n") }
    }

    @Test func configTableIsRead() throws {
        let settings = try RedactionSettings.parse(configTOML: """
            [daemon]
            port = 1
            [redaction]
            gitleaks_rules = "~/.config/loop/gitleaks.toml"
            internal_domains = ["corp.example.com", "int.example.net"]
            deny_names = ["Jane Doe"]
            """)
        #expect(settings == RedactionSettings(gitleaksRulesPath: "~/.config/loop/gitleaks.toml",
                                              internalDomains: ["corp.example.com", "int.example.net"], denyNames: ["Jane Doe"]))
    }
}
