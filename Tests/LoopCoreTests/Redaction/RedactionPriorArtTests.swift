import LoopCore
import Testing

/// loopback's server check misses these (../shared/reference/prior-art.md); loop must not.
@Suite struct RedactionPriorArtTests {
    let redactor = Redactor(context: RedactionContext(
        userName: "alice", homeDirectory: "/home/alice", hostName: "build01.corp.example.com",
        repositoryRoot: "/home/alice/src/shop", internalDomains: ["corp.example.com"], denyNames: ["Jane Doe"]))

    @Test func jwtIsRedacted() {
        let jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
        #expect(redactor.redact("token is \(jwt) ok") == "token is <secret:jwt> ok")
    }

    @Test func skLiveAndProjectKeysAreRedacted() {
        #expect(redactor.redact("sk-live-4eC39HqLyjWDarjtT1zdp7dcAbCdEf") == "<secret:openai>")
        #expect(redactor.redact("sk-proj-Xi8tdMjHV6pmbBbwilTeT3BlbkFJ3UDnpdEwNNm6wVBpYM0o") == "<secret:openai>")
        #expect(redactor.redact("sk_live_ReTllpYQYfIZu2Jnf2lAPFjD") == "<secret:stripe>")
    }

    @Test func fineGrainedGitHubTokenIsRedacted() {
        let pat = "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ab"
        #expect(redactor.redact("use \(pat)") == "use <secret:github>")
    }

    @Test func passwordAssignmentsAreRedacted() {
        #expect(redactor.redact(#"DB_PASSWORD="hunter2!x""#) == #"DB_PASSWORD="<secret:password>""#)
        #expect(redactor.redact("password: s3cr3tPa55") == "password: <secret:password>")
    }

    @Test func credentialedURLsAreRedacted() {
        #expect(redactor.redact("postgres://app:pa55word@db.internal:5432/shop")
            == "postgres://<secret:url-credentials>@db.internal:5432/shop")
    }

    @Test func authorizationHeadersAreRedacted() {
        #expect(redactor.redact("Authorization: Bearer abcdef0123456789XYZ") == "Authorization: Bearer <secret:auth-header>")
        #expect(redactor.redact("Authorization: Basic dXNlcjpwYXNzd29yZA==") == "Authorization: Basic <secret:auth-header>")
    }

    @Test func ipAddressesAreRedactedButNotVersions() {
        #expect(redactor.redact("server at 203.0.113.7 and 2001:db8:85a3::8a2e:370:7334") == "server at <ip:1> and <ip:2>")
        #expect(redactor.redact("bump to 1.2.3 and v10.0.0.1") == "bump to 1.2.3 and v10.0.0.1")
    }

    @Test func hostAndUserNamesAreRedacted() {
        #expect(redactor.redact("ssh alice@build01.corp.example.com") == "ssh <email:1>")
        #expect(redactor.redact("ran on build01 as alice") == "ran on <host:1> as <user>")
        #expect(redactor.redact("see db7.corp.example.com") == "see <host:1>")
        #expect(redactor.redact("ask Jane Doe") == "ask <name:1>")
    }

    @Test func apiRoutesStayIntact() {
        let text = "GET /users and POST /api/v1/users/:id, then /orders?limit=10"
        #expect(redactor.redact(text) == text)
    }

    @Test func pathsBecomeRelativeOrKeepTheirExtension() {
        #expect(redactor.redact("edit /home/alice/src/shop/Sources/App/main.swift:12") == "edit Sources/App/main.swift:12")
        #expect(redactor.redact("see /home/alice/notes/todo.md") == "see <path>.md")
        #expect(redactor.redact("run /usr/bin/env swift") == "run /usr/bin/env swift")
    }

    @Test func emailsPhonesAndCardsAreRedacted() {
        #expect(redactor.redact("mail bob@example.org or call +1 415 555 0100") == "mail <email:1> or call <phone:1>")
        #expect(redactor.redact("card 4111 1111 1111 1111") == "card <card:1>")
        #expect(redactor.redact("id 4111111111111112") == "id 4111111111111112")
    }

    @Test func ordinaryCodeIsLeftAlone() {
        let code = """
            let commit = "9fceb02d0ae598e95dc970b74767f19372d61af8"
            let id = UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F")
            func tokenize(_ input: String) -> [Token] { password = getPassword() }
            """
        #expect(redactor.redact(code) == code)
    }
}

/// Cases where a name's meaning depends on context or on the scanner's caches.
@Suite struct RedactionContextualNameTests {
    @Test func nugetPasswordValueIsRedactedEvenAfterAPlainValue() {
        let text = """
            <add key="Source" value="https://api.nuget.org/v3/index.json" />
            <add key="ClearTextPassword" value="CleartextPassword1" />
            """
        let out = Redactor().redact(text)
        #expect(out.contains(#"value="https://api.nuget.org/v3/index.json""#))
        #expect(out.contains(#"key="ClearTextPassword" value="<secret:password>""#))
    }
}

/// Connection strings, loopback addresses and the lesson's `redactions` counts.
@Suite struct RedactionConnectionStringTests {
    let redactor = Redactor()

    @Test func connectionStringsLoseTheirPasswords() {
        #expect(redactor.redact("Server=db1;Database=shop;User Id=app;Password=Tr0ub4dor&3;")
            == "Server=db1;Database=shop;User Id=app;Password=<secret:password>;")
        #expect(redactor.redact("mongodb+srv://app:s3cr3tPass@cluster0.example.net/shop")
            == "mongodb+srv://<secret:url-credentials>@cluster0.example.net/shop")
    }

    @Test func loopbackAndUnspecifiedAddressesStay() {
        let text = "listen on 127.0.0.1:8080, 0.0.0.0 and ::1"
        #expect(redactor.redact(text) == text)
    }

    @Test func countsAreByTypeAndNeverHoldValues() {
        let result = redactor.redact(["key AKIAZ3MHQWERTYUIOP23 for bob@example.org", "and bob@example.org again"])
        #expect(result.counts == ["secret:aws": 1, "email": 2])
        #expect(!result.counts.keys.contains { $0.contains("AKIA") || $0.contains("bob") })
    }
}
