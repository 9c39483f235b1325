/// Secrets with a recognisable literal prefix (gitleaks' provider rules). A prefix
/// match plus a body of the right charset and length is enough: these formats were
/// designed to be found, so no keyword or entropy gate is needed.
/// A plain value (no references), so scanning the table costs no reference counting.
struct KnownTokenRule: Sendable {
    let prefix: StaticString
    let provider: StaticString
    let body: Charset
    let minBody: Int
    let maxBody: Int
    /// Real tokens of this kind mix upper and lower case (`hf_…`), unlike identifiers.
    let mixedCase: Bool

    init(_ prefix: StaticString, _ provider: StaticString, _ body: Charset, _ minBody: Int, _ maxBody: Int = 100_000,
         mixedCase: Bool = false) {
        self.prefix = prefix
        self.provider = provider
        self.body = body
        self.minBody = minBody
        self.maxBody = maxBody
        self.mixedCase = mixedCase
    }

    /// Documentation stand-ins (`ghp_xxxx…`, `glc_1111…`) have a body entropy well
    /// below any generated token's; gitleaks uses the same kind of threshold.
    static let minimumEntropy = 2.5

    var type: String { "secret:" + provider.description }
}

enum KnownTokenRules {
    static let all: [KnownTokenRule] = [
        // VCS
        .init("github_pat_", "github", .alnumUnderscore, 40),
        .init("ghp_", "github", .alnum, 30), .init("gho_", "github", .alnum, 30),
        .init("ghu_", "github", .alnum, 30), .init("ghs_", "github", .alnum, 30),
        .init("ghr_", "github", .alnum, 30),
        .init("glpat-", "gitlab", .token, 20), .init("gldt-", "gitlab", .token, 20),
        .init("glcbt-", "gitlab", .token, 20), .init("glimt-", "gitlab", .token, 25),
        .init("glptt-", "gitlab", .token, 40), .init("glagent-", "gitlab", .token, 50),
        .init("gloas-", "gitlab", .token, 64), .init("glrt-", "gitlab", .token, 20),
        .init("glft-", "gitlab", .token, 20), .init("glsoat-", "gitlab", .token, 20),
        .init("glffct-", "gitlab", .token, 20), .init("glrtr-", "gitlab", .token, 20),
        .init("GR1348941", "gitlab", .token, 20),
        .init("ATATT3", "atlassian", Charset("a-zA-Z0-9_=-"), 100),
        .init("ATBB", "bitbucket", .alnum, 28),
        // chat and webhooks
        .init("xoxb-", "slack", .token, 10), .init("xoxp-", "slack", .token, 10),
        .init("xoxa-", "slack", .token, 10), .init("xoxr-", "slack", .token, 10),
        .init("xoxs-", "slack", .token, 10), .init("xoxo-", "slack", .token, 10),
        .init("xoxe.xox", "slack", .token, 10), .init("xoxe-", "slack", .token, 10),
        .init("xapp-", "slack", .token, 10),
        .init("hooks.slack.com/", "slack", Charset("a-zA-Z0-9_/+-"), 20),
        .init("discord.com/api/webhooks/", "discord", Charset("a-zA-Z0-9_/-"), 30),
        .init("discordapp.com/api/webhooks/", "discord", Charset("a-zA-Z0-9_/-"), 30),
        .init("outlook.office.com/webhook/", "teams", Charset("a-zA-Z0-9_/@-"), 30),
        // LLM providers
        .init("sk-ant-", "anthropic", .token, 32),
        .init("sk-", "openai", .token, 20),
        .init("hf_", "huggingface", .letters, 30, 40, mixedCase: true),
        .init("api_org_", "huggingface", .letters, 30, 40, mixedCase: true),
        .init("pplx-", "perplexity", .alnum, 40), .init("gsk_", "groq", .alnum, 40),
        .init("xai-", "xai", .alnum, 60), .init("r8_", "replicate", .alnum, 30),
        // payment
        .init("sk_live_", "stripe", .alnum, 10), .init("sk_test_", "stripe", .alnum, 10),
        .init("rk_live_", "stripe", .alnum, 10), .init("rk_prod_", "stripe", .alnum, 10), .init("sk_prod_", "stripe", .alnum, 10), .init("rk_test_", "stripe", .alnum, 10),
        .init("whsec_", "stripe", .alnum, 24),
        .init("sq0atp-", "square", .token, 20), .init("sq0csp-", "square", .token, 30),
        .init("EAAA", "square", .token, 60),
        .init("access_token$production$", "paypal", Charset("a-z0-9$"), 40),
        .init("shpat_", "shopify", .lowerHex, 32), .init("shpss_", "shopify", .lowerHex, 32),
        .init("shpca_", "shopify", .lowerHex, 32), .init("shppa_", "shopify", .lowerHex, 32),
        .init("EZAK", "easypost", .alnum, 50), .init("EZTK", "easypost", .alnum, 50),
        // cloud
        .init("AIza", "gcp", .token, 30, 40),
        .init("ya29.", "gcp", .token, 30),
        .init("ABSK", "aws", Charset("A-Za-z0-9+/="), 100),
        .init("bedrock-api-key-", "aws", Charset("A-Za-z0-9+/="), 100),
        .init("AccountKey=", "azure", .base64, 40),
        .init("SharedAccessSignature=", "azure", .base64, 30),
        .init("dapi", "databricks", .lowerHex, 32, 34),
        .init("dop_v1_", "digitalocean", .lowerHex, 64), .init("doo_v1_", "digitalocean", .lowerHex, 64),
        .init("dor_v1_", "digitalocean", .lowerHex, 64),
        .init("HRKU-AA", "heroku", .token, 50),
        .init("fo1_", "flyio", .token, 30), .init("fm1r_", "flyio", Charset("a-zA-Z0-9+/=_-"), 30),
        .init("fm1a_", "flyio", Charset("a-zA-Z0-9+/=_-"), 30),
        .init("fm2_", "flyio", Charset("a-zA-Z0-9+/=_-"), 30),
        .init("tk-us-", "scalingo", .token, 40),
        .init("sha256~", "openshift", .token, 40),
        .init("hvs.", "vault", .token, 24), .init("hvb.", "vault", .token, 100),
        .init("dp.pt.", "doppler", .alnum, 40), .init("dp.st.", "doppler", .alnum, 40),
        .init("pul-", "pulumi", .lowerHex, 40),
        .init("pnu_", "prefect", .alnum, 36),
        .init("nfp_", "netlify", .alnum, 36),
        .init("dt0c01.", "dynatrace", Charset("A-Z0-9."), 80),
        .init("v1.0-", "cloudflare", Charset("a-f0-9-"), 150),
        .init("ico-", "infracost", .alnum, 32),
        .init("s-s4t2ud-", "intra42", .lowerHex, 60), .init("s-s4t2af-", "intra42", .lowerHex, 60),
        .init("ntn_", "notion", .alnum, 40),
        .init("sntrys_eyJ", "sentry", Charset("a-zA-Z0-9+/=_"), 60),
        .init("sntryu_", "sentry", .lowerHex, 64),
        .init("glc_", "grafana", Charset("A-Za-z0-9+/="), 32),
        .init("glsa_", "grafana", Charset("A-Za-z0-9_"), 32),
        .init("sgp_", "sourcegraph", .alnumUnderscore, 40),
        .init("sgph_", "sourcegraph", Charset("a-fA-F0-9_"), 40),
        .init("ops_eyJ", "1password", Charset("A-Za-z0-9+/="), 100),
        .init("A3-", "1password", Charset("A-Z0-9-"), 30),
        .init("API-", "octopus", .upperAlnum, 26, 26),
        .init("lin_api_", "linear", .alnum, 40),
        .init("PMAK-", "postman", Charset("a-fA-F0-9-"), 50),
        .init("dckr_pat_", "docker", .token, 27),
        .init("AGE-SECRET-KEY-1", "age", .upperAlnum, 58),
        .init("CLOJARS_", "clojars", .alnum, 60),
        .init("rdme_", "readme", .lowerAlnum, 70),
        .init("shippo_live_", "shippo", .lowerHex, 40), .init("shippo_test_", "shippo", .lowerHex, 40),
        .init("xkeysib-", "sendinblue", Charset("a-f0-9-"), 60),
        .init("key-", "mailgun", .lowerHex, 32, 32),
        .init("AKCp", "artifactory", .alnum, 60),
        .init("cmVmd", "artifactory", .alnum, 59),
        .init("4b1d", "clickhouse", .alnum, 38, 38),
        .init("squ_", "sonar", .lowerHex, 40), .init("sqp_", "sonar", .lowerHex, 40),
        .init("sqa_", "sonar", .lowerHex, 40),
        .init("oy2", "nuget", .lowerAlnum, 43, 43),
        .init("rubygems_", "rubygems", .lowerHex, 48),
        .init("npm_", "npm", .alnum, 36),
        .init("pypi-AgE", "pypi", .token, 50),
        .init("LS0tLS1CRUdJTi", "private-key", .base64, 20),
        .init("PuTTY-User-Key-File-", "private-key", Charset("0-9: a-zA-Z-"), 5),
    ]

    /// Rules sorted by first byte (longer prefixes first, so `sk-ant-` wins over `sk-`).
    static let sorted: [KnownTokenRule] = all.sorted {
        let a = $0.prefix.utf8Start[0], b = $1.prefix.utf8Start[0]
        return a != b ? a < b : $0.prefix.utf8CodeUnitCount > $1.prefix.utf8CodeUnitCount
    }

    /// `firstIndex[b] ..< firstIndex[b + 1]` are the rules whose prefix starts with byte `b`.
    static let firstIndex: [Int] = {
        var index = [Int](repeating: 0, count: 257)
        for rule in sorted { index[Int(rule.prefix.utf8Start[0]) + 1] += 1 }
        for b in 0..<256 { index[b + 1] += index[b] }
        return index
    }()
}
