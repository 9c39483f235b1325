import Foundation
import LoopCore
import Testing

/// Leaks an audit found (issue 13, item 3): each reached the outbox before these rules.
@Suite struct RedactionLeakTests {
    let redactor = Redactor()
    static let github = "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"
    static let awsSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    static let awsSecretRandom = "q8Vd2LkR7mXw0Zp4Nc9Hs1Bt6Gy3Fj5Ua7Ee2Ko0"

    @Test func awsSecretKeyInProse() {
        #expect(redactor.redact("deploy with secret \(Self.awsSecretRandom) today") == "deploy with secret <secret:aws> today")
        #expect(redactor.redact("aws secret access key \(Self.awsSecretRandom)") == "aws secret access key <secret:aws>")
        #expect(!redactor.redact("the AWS secret is \(Self.awsSecretRandom).").contains(Self.awsSecretRandom))
    }

    @Test func awsDocumentationExampleKeysAreRedactedToo() {
        #expect(redactor.redact("AKIAIOSFODNN7EXAMPLE") == "<secret:aws>")
        #expect(redactor.redact("key \(Self.awsSecret)") == "key <secret:aws>")
        #expect(redactor.redact("export AWS_SECRET_ACCESS_KEY=\(Self.awsSecret)") == "export AWS_SECRET_ACCESS_KEY=<secret:aws>")
        #expect(redactor.redact(Self.awsSecret) == "<secret:aws>")
    }

    @Test func passwordsInProse() {
        #expect(redactor.redact("the admin password is Tr0ub4dor&3.") == "the admin password is <secret:password>.")
        #expect(redactor.redact("my password is hunter2") == "my password is <secret:password>")
        #expect(redactor.redact("The password is 'correct horse'") == "The password is '<secret:password>'")
        for prose in ["the password is wrong", "the password is required.", "my password is <secret:password>", "the password is $DB_PASS"] {
            #expect(redactor.redact(prose) == prose)
        }
    }

    @Test func passPhraseWithSpaces() {
        #expect(redactor.redact(#"password = "correct horse battery staple""#) == #"password = "<secret:password>""#)
        #expect(redactor.redact(#"{"passphrase": "open sesame now please"}"#) == #"{"passphrase": "<secret:password>"}"#)
        for message in [#"password = "Enter your password.""#, #"let prompt = "correct horse battery staple""#] {
            #expect(redactor.redact(message) == message)
        }
    }

    @Test func mysqlPasswordFlags() {
        #expect(redactor.redact("mysql -u root -pS3cretPass shop") == "mysql -u root -p<secret:password> shop")
        #expect(redactor.redact("mysql -uroot -p'my pass' shop") == "mysql -uroot -p'<secret:password>' shop")
        #expect(redactor.redact("mysqldump --password=hunter shop") == "mysqldump --password=<secret:password> shop")
        #expect(redactor.redact("mysql --password hunter shop") == "mysql --password <secret:password> shop")
        for command in ["mkdir -p build/x", "cc -pthread main.c", "ssh -p 2222 host", "mysql -u root -p shop", "mysql -p$MYSQL_PWD", "docker login --password-stdin"] {
            #expect(redactor.redact(command) == command)
        }
    }

    @Test func urlPasswordWithHashOrAt() {
        #expect(redactor.redact("postgres://u:p@ss#w@host/db") == "postgres://<secret:url-credentials>@host/db")
        #expect(redactor.redact("redis://:p?ss@cache:6379") == "redis://<secret:url-credentials>@cache:6379")
        for url in ["https://example.com/page#top", "https://host:8080#frag", "see https://example.com?q=a@b"] {
            #expect(redactor.redact(url) == url)
        }
    }

    @Test func knownTokensGluedToAWord() {
        #expect(redactor.redact("prd-\(Self.github)") == "prd-<secret:github>")
        #expect(redactor.redact("x.AKIAZ3MHQWERTYUIOP23") == "x.<secret:aws>")
        #expect(redactor.redact("skill-sk-proj-Xi8tdMjHV6pmbBbwilTeT3BlbkFJ3UDnpdEwNNm6wVBpYM0o") == "skill-<secret:openai>")
        #expect(redactor.redact("my_var_\(Self.github) ok") == "my_var_<secret:github> ok")
        // Kebab-case and dotted names without a token stay.
        for name in ["prd-writer-skill", "com.example.app.Something", "x86_64-unknown-linux-gnu"] {
            #expect(redactor.redact(name) == name)
        }
    }

    @Test func tokenRightAfterAJSONEscape() {
        #expect(redactor.redact(#"{"text":"first line\n\#(Self.github)"}"#) == #"{"text":"first line\n<secret:github>"}"#)
        #expect(redactor.redact(#"a\tAKIAZ3MHQWERTYUIOP23"#) == #"a\t<secret:aws>"#)
        #expect(redactor.redact(#"x\u0022\#(Self.github)"#) == #"x\u0022<secret:github>"#)
        #expect(redactor.redact(#"see\n/home/bob/notes.md"#) == #"see\n<path>.md"#)
    }

    @Test func passwordValueOnTheNextLine() {
        #expect(redactor.redact("password =\n  Xy9kLm2q") == "password =\n  <secret:password>")
        #expect(redactor.redact("DB_PASSWORD=\r\nS3cr3t!x") == "DB_PASSWORD=\r\n<secret:password>")
        for text in ["password:\n  secretKeyRef:\n    name: db", "Set the password:\nThen run it", "password:\n  - item1"] {
            #expect(redactor.redact(text) == text)
        }
    }

    @Test func urlEncodedEquals() {
        #expect(redactor.redact("login?user=bob&password%3DhunterX2") == "login?user=bob&password%3D<secret:password>")
        #expect(redactor.redact("api_key%3dZx9Qw8Er7Ty6Ui5Op4") == "api_key%3d<secret:generic>")
    }

    @Test func base64OfACredential() {
        let encoded = Data("x-access-token:\(Self.github)".utf8).base64EncodedString()
        #expect(redactor.redact("git -c http.extraheader='AUTHORIZATION: basic \(encoded)' fetch") == "git -c http.extraheader='AUTHORIZATION: basic <secret:auth-header>' fetch")
        #expect(redactor.redact("encoded: \(encoded) end") == "encoded: <secret:github> end")
        let urlSafe = encoded.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        #expect(!redactor.redact("blob \(urlSafe)").contains(urlSafe))
        // Base64 of ordinary text stays.
        let plain = Data("hello world, this is a plain sentence".utf8).base64EncodedString()
        #expect(redactor.redact("data \(plain)") == "data \(plain)")
    }

    @Test func privateKeyWithAnUnusualBody() {
        let block = """
            -----BEGIN RSA PRIVATE KEY-----
            Proc-Type: 4,ENCRYPTED
            DEK-Info: AES-128-CBC,3F17F5316E2BAC89
            !!not*base64 at all; ### ~~ {}[] 0123456789abcdef
            -----END RSA PRIVATE KEY-----
            """
        #expect(redactor.redact("key:\n\(block)\ndone") == "key:\n<secret:private-key>\ndone")
        let escaped = #"{"k":"-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\nAAAAAAAAAB\n-----END OPENSSH PRIVATE KEY-----\n"}"#
        #expect(redactor.redact(escaped) == #"{"k":"<secret:private-key>\n"}"#)
    }

    @Test func userNameLearnedFromAHomePath() {
        let result = redactor.redact(["edited /home/jdoe2025/src/app/main.swift", "ask jdoe2025 (or JDOE2025) about it"])
        #expect(result.texts == ["edited <path>.swift", "ask <user> (or <user>) about it"])
        #expect(redactor.redact("/Users/mkowalski/x.txt then whoami prints mkowalski") == "<path>.txt then whoami prints <user>")
        #expect(redactor.verify("cd /home/jdoe2025 && echo jdoe2025").contains("user"))
        // Shared account names are not personal and stay in prose.
        #expect(redactor.redact("/home/ubuntu/app.py runs on ubuntu") == "<path>.py runs on ubuntu")
    }
}

/// The entropy rule: long random strings next to `key`, `secret`, `token`, `password`,
/// `credential`, and not the identifiers, hashes and UUIDs of ordinary text.
@Suite struct RedactionEntropyRuleTests {
    let redactor = Redactor()

    @Test func randomValuesNextToAKeyword() {
        #expect(redactor.redact("the API key is 9fX2kQ7mL4pZ8rT1vB6nC3") == "the API key is <secret:entropy>")
        #expect(redactor.redact("Credential 7hG2pL9xQ4wR8tZ1mN6bV3c") == "Credential <secret:entropy>")
        #expect(redactor.redact("use the token Zx9Qw8Er7Ty6Ui5Op4As2Df") == "use the token <secret:entropy>")
        #expect(redactor.redact("secret: 3f9a1c7e5b2d4f6a8c0e1b3d5f7a9c2e") == "secret: <secret:generic>")
        #expect(redactor.redact("passwd q7W2e9R4t1Y6u3I8") == "passwd <secret:entropy>")
    }

    @Test func ordinaryTextNearKeywordsStays() {
        for text in [
            "token refresh calls refreshAccessTokenIfNeeded2 first",
            "the key is E621E1F8-C36C-495A-93FC-0C247A3E6E5F",
            "the secret sauce is x86_64-unknown-linux-gnu",
            "key path Sources/LoopCore/Redaction/Scanner.swift",
            "tokenizer.encode(sentencepieceModel2)",
            "{\"output_tokens\":5},\"requestId\":\"req_011CPabc9XyZ8wVu7TsRq\"",
            "commit 9fceb02d0ae598e95dc970b74767f19372d61af8 fixed it",
            "the key idea: MY_SECRET_VALUE_2024 is a name",
        ] {
            #expect(redactor.redact(text) == text, "changed: \(text)")
        }
    }
}
