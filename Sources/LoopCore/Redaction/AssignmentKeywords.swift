/// What an identifier on the left of `=`/`:` says about the value on its right.
enum KeywordClass: Sendable, Equatable {
    /// `password`, `passwd`, `pwd`: any non-trivial value is a secret.
    case password
    /// `secret`, `token`, `api_key`, ...: the value must also look random.
    case generic
    /// A provider's name (`heroku_key`, `sumologic.accessId`): typed as that provider.
    case provider(String)
}

/// Identifier parts are hashed (no allocation in the hot path) and looked up here.
enum AssignmentKeywords {
    static let password = ["password", "passwd", "pwd", "pass", "passphrase", "passwort", "pword", "authtoken"]
    static let generic = [
        "secret", "secrets", "token", "tokens", "apikey", "authorization", "credential",
        "credentials", "creds", "privatekey", "secretkey", "accesskey", "clientsecret", "bearer",
        "accesstoken", "refreshtoken", "connectionstring", "dsn",
    ]
    /// Words that name a secret only as the last part of a name: `api_key`, `SESSION_COOKIE`
    /// are secrets, `keyPressed`, `KeySize`, `auth_source` are not.
    static let weakGeneric = [
        "key", "keys", "auth", "private", "signature", "sig", "salt", "cookie", "session", "sessionid", "jwt", "pat",
        "encryption", "hmac", "webhook", "sas", "license",
    ]
    /// Provider names from gitleaks' keyword-gated rules.
    static let providers = [
        "adafruit", "adobe", "airtable", "algolia", "alibaba", "asana", "atlassian", "jira", "confluence",
        "beamer", "bitbucket", "bittrex", "cloudflare", "codecov", "cohere", "coinbase", "confluent",
        "contentful", "datadog", "dd", "defined", "discord", "droneci", "dropbox", "etsy", "facebook", "fb",
        "fastly", "finicity", "finnhub", "flickr", "freemius", "freshbooks", "gitter", "gocardless", "heroku",
        "hubspot", "intercom", "kraken", "kucoin", "launchdarkly", "linear", "linkedin", "lob", "mailgun",
        "mapbox", "mattermost", "messagebird", "netlify", "newrelic", "nytimes", "okta", "plaid", "rapidapi",
        "sendbird", "sendinblue", "sentry", "shippo", "sidekiq", "contribsys", "snyk", "sonar", "sonarqube",
        "squarespace", "sumo", "sumologic", "travis", "travisci", "twilio", "twitch", "twitter", "typeform",
        "yandex", "zendesk", "meraki", "huggingface", "octopus", "sourcegraph", "trello", "azure", "aws",
        "gcp", "google", "github", "gitlab", "slack", "stripe", "openai", "anthropic", "npm", "nuget", "pypi",
        "vault", "grafana", "artifactory", "jfrog", "mailchimp", "sendgrid", "telegram", "discord", "shopify",
        "square", "paypal", "braintree", "databricks", "doppler", "pulumi", "terraform", "digitalocean",
        "infracost", "scalingo", "notion", "openshift", "perplexity", "prefect", "privateai", "readme",
        "clickhouse", "easypost", "flyio", "intra42", "hashicorp", "kubernetes", "docker", "postman",
        "mongodb", "postgres", "mysql", "redis", "rabbitmq", "elastic", "auth0", "firebase", "supabase",
        "vercel", "render", "railway", "cloudinary", "pusher", "segment", "mixpanel", "amplitude", "bugsnag",
        "rollbar", "pagerduty", "opsgenie", "circleci", "buildkite", "jenkins", "teamcity", "ibm", "softlayer",
        "cloudant", "duffel", "dynatrace", "frameio", "gitguardian", "harness", "looker", "mailjet", "nasdaq",
        "planetscale", "rubygems", "settlemint", "maxmind", "zapier",
    ]

    static let table = KeywordTable(password: password, generic: generic, providers: providers)
    static let weakTable: Set<UInt64> = Set(weakGeneric.map { hash(Array($0.utf8)[...]) })

    /// Open addressing over the FNV hashes: a lookup is a multiply, a mask and usually
    /// one comparison (Swift's `Dictionary` would hash the hash again with SipHash).
    struct KeywordTable: Sendable {
        private var keys: [UInt64]
        private var values: [Int16]  // 1 password, 2 generic, 3 + k provider k
        private let providers: [String]
        private let mask: Int

        init(password: [String], generic: [String], providers: [String]) {
            mask = 1023
            keys = [UInt64](repeating: 0, count: mask + 1)
            values = [Int16](repeating: 0, count: mask + 1)
            self.providers = providers
            for (k, p) in providers.enumerated() { insert(hash(Array(p.utf8)[...]), Int16(3 + k)) }
            for g in generic { insert(hash(Array(g.utf8)[...]), 2) }
            for p in password { insert(hash(Array(p.utf8)[...]), 1) }
        }

        private mutating func insert(_ key: UInt64, _ value: Int16) {
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 54) & mask
            while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & mask }
            keys[slot] = key
            values[slot] = value
        }

        subscript(key: UInt64) -> KeywordClass? {
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 54) & mask
            while keys[slot] != 0 {
                if keys[slot] == key {
                    let v = values[slot]
                    return v == 1 ? .password : (v == 2 ? .generic : .provider(providers[Int(v) - 3]))
                }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }

    static let neutralLastParts: Set<UInt64> = Set(["id", "ids", "url", "uri", "file", "path", "name", "type", "source",
        "version", "length", "size", "count", "format", "header", "endpoint", "variable", "field", "env", "prefix"].map { hash(Array($0.utf8)[...]) })
    static let publicHash = hash(Array("public".utf8)[...])

    @inline(__always) static func hash<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    /// Classifies an identifier such as `OP_SERVICE_ACCOUNT_TOKEN`, `facebook_app_secret`,
    /// `sumologic.accessId` or `ClearTextPassword` by its parts. The strongest class
    /// wins: password over provider over generic.
    static func classify(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> KeywordClass? {
        var best: KeywordClass?
        var partHash: UInt64 = 0xcbf2_9ce4_8422_2325
        var partLength = 0
        var whole: UInt64 = 0xcbf2_9ce4_8422_2325
        var previousLower = false
        var sawPublic = false
        // Two adjacent parts glued (`MessageBird` -> `messagebird`).
        var pairHash: UInt64 = 0xcbf2_9ce4_8422_2325
        var lastPart: UInt64? = nil
        func finish() {
            if partLength > 0 {
                if partHash == publicHash { sawPublic = true }
                if let found = table[partHash] { best = stronger(best, found) }
                if lastPart != nil, let found = table[pairHash] { best = stronger(best, found) }
                lastPart = partHash
            }
            pairHash = lastPart ?? 0xcbf2_9ce4_8422_2325
            partHash = 0xcbf2_9ce4_8422_2325
            partLength = 0
        }
        for i in range {
            let b = bytes[i]
            let isUpper = b &- 65 < 26
            let isAlnum = ByteClass.isAlnum(b)
            if !isAlnum || (isUpper && previousLower) { finish() }
            if isAlnum {
                let lower = ByteClass.lowercased(b)
                partHash = (partHash ^ UInt64(lower)) &* 0x100_0000_01b3
                pairHash = (pairHash ^ UInt64(lower)) &* 0x100_0000_01b3
                whole = (whole ^ UInt64(lower)) &* 0x100_0000_01b3
                partLength += 1
            }
            previousLower = b &- 97 < 26 || ByteClass.isDigit(b)
        }
        let finalPart = partLength > 0 ? partHash : lastPart
        finish()
        if best == nil, let finalPart, weakTable.contains(finalPart) { best = .generic }
        if let found = table[whole] { best = stronger(best, found) }
        if best == nil { best = classifyBySuffix(bytes, range) }
        // `credentialsId`, `public_key`, `keyFile`, `token_url`: names of things, not secrets.
        if best == .generic, let finalPart, neutralLastParts.contains(finalPart) { return nil }
        if best == .generic, sawPublic { return nil }
        return best
    }

    /// `mypassword`, `dbsecret`: words glued without separators.
    static func classifyBySuffix(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> KeywordClass? {
        func endsWith(_ s: StaticString) -> Bool {
            let n = s.utf8CodeUnitCount
            guard range.count >= n else { return false }
            for k in 0..<n where ByteClass.lowercased(bytes[range.upperBound - n + k]) != s.utf8Start[k] { return false }
            return true
        }
        if endsWith("password") || endsWith("passwd") { return .password }
        if endsWith("secret") || endsWith("token") || endsWith("apikey") { return .generic }
        return nil
    }

    static func stronger(_ a: KeywordClass?, _ b: KeywordClass) -> KeywordClass {
        guard let a else { return b }
        switch (a, b) {
        case (.password, _): return a
        case (_, .password): return b
        case (.provider, _): return a
        case (_, .provider): return b
        default: return a
        }
    }
}
