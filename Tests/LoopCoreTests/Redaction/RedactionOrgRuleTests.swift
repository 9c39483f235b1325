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
}

/// Features that real gitleaks rule files use: Go regex syntax, allowlist targets,
/// path-only rules, `[extend]`.
@Suite struct RedactionGitleaksDialectTests {
    static let toml = #"""
        [extend]
        useDefault = true

        [[rules]]
        id = "acme-jar"
        description = "ACME cookie jar id"
        regex = '''(?i)acme[_-]?jar(?:[ \t]{0,5})(?:=|:)[\x60'"\s]{0,5}(?-i:(?P<value>[A-Z0-9]{20}))(?:[\x60'"\s;]|$)'''
        secretGroup = 1
        keywords = [
            "acme_jar",
            "acme-jar",
        ]
        [[rules.allowlists]]
        regexTarget = "line"
        regexes = ['''(?i)example''']

        [[rules]]
        id = "acme-keystore"
        description = "Key stores, matched by file name only"
        path = '''\.p12$'''
        """#

    @Test func goSyntaxAllowlistTargetsAndPathOnlyRules() throws {
        let rules = try GitleaksConfig.parse(Self.toml)
        #expect(rules.rules.map(\.id) == ["acme-jar"])
        let redactor = Redactor(orgRules: rules)
        #expect(redactor.redact("ACME_JAR=`Q1W2E3R4T5Y6U7I8O9P0`") == "ACME_JAR=`<secret:acme-jar>`")
        // Same value, but the line says it is an example.
        #expect(redactor.redact("acme-jar: Q1W2E3R4T5Y6U7I8O9P0 # example") == "acme-jar: Q1W2E3R4T5Y6U7I8O9P0 # example")
    }

    @Test func orgRuleNamesTheValueWhenABuiltInRuleAlsoMatches() throws {
        let rules = try GitleaksConfig.parse(#"""
            [[rules]]
            id = "acme-token"
            regex = '''token=(acme[0-9a-f]{16})'''
            """#)
        #expect(Redactor(orgRules: rules).redact("token=acme0123456789abcdef") == "token=<secret:acme-token>")
    }

    @Test func globalAllowlistAlsoAppliesToBuiltInRules() throws {
        let rules = try GitleaksConfig.parse("[allowlist]\nstopwords = [\"publicdemo\"]\n")
        let text = #"api_key = "publicdemo-4f9a8b7c6d5e""#
        #expect(Redactor().redact(text) == #"api_key = "<secret:generic>""#)
        #expect(Redactor(orgRules: rules).redact(text) == text)
    }

    @Test func unknownRegexTargetIsAnError() {
        #expect(throws: TOMLError(line: 5, message: "regexTarget must be secret, match or line, not word")) {
            try GitleaksConfig.parseRules("[[rules]]\nid = \"x\"\nregex = 'a'\n[rules.allowlist]\nregexTarget = \"word\"\n")
        }
    }
}
