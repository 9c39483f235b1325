import LoopCore
import LoopTestSupport
import Testing

/// Properties that must hold for any input: idempotence, whole placeholders, caps, no crash.
@Suite struct RedactionPropertyTests {
    let redactor = Redactor(context: RedactionContext(userName: "alice", homeDirectory: "/home/alice", hostName: "devbox"))

    static let pieces = [
        "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", "AKIAIOSFODNN7ABCDEFG", "bob@example.org", "203.0.113.9",
        "password=\"Tr0ub4dor&3\"", "/home/alice/x.swift", "alice", "devbox", "+44 20 7946 0958", "<secret:aws>",
        "<email:7>", " ", "\n", "the fix", "/users", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abcDEF123_-xyz0987654",
        "https://u:p4ss@h.io/x", "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----", "é", "🙂", "=", ":",
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----",
        "4111 1111 1111 1111", "2001:db8::8a2e:370:7334", "Authorization: Bearer abcdef0123456789XYZ", "curl -u admin:S3cr3t!",
        "api_key: \"Zx9Qw8Er7Ty6Ui5Op4\"", "sk-proj-Xi8tdMjHV6pmbBbwilTeT3BlbkFJ3UDnpdEwNNm6wVBpYM0o", "@", "/", "-", "7", "\"", "{", "}",
        // Issue 13's leaks.
        "the password is Tr0ub4dor&3", "mysql -u root -pS3cretPass", "--password=hunter", "postgres://u:p@ss#w@db/x",
        "prd-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", "\\n", "password =\n  Xy9kLm2q", "password%3DhunterX2",
        "eC1hY2Nlc3MtdG9rZW46Z2hwX3dXUHc1azRhWGNhVDRmTlAwVWNuWndKVVZGazZMTzBwSU5VeA==", "/home/jdoe2025/a.txt", "jdoe2025",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "secret q8Vd2LkR7mXw0Zp4Nc9Hs1Bt6Gy3Fj5Ua7Ee2Ko0", "key 9fX2kQ7mL4pZ8rT1vB6nC3",
        "password = \"correct horse battery staple\"",
    ]

    func randomText(_ rng: inout SplitMix) -> String {
        (0..<Int(rng.next() % 30)).map { _ in rng.pick(Self.pieces) }.joined(separator: rng.pick(["", " ", "\"", ":", "\n", "=", "/"]))
    }

    @Test func redactingTwiceChangesNothing() {
        for seed: UInt64 in [42, 1_234, 98_765] {
        var rng = SplitMix(state: seed)
        for _ in 0..<2_000 {
            let once = redactor.redact(randomText(&rng))
            #expect(redactor.redact(once) == once)
            #expect(redactor.verify(once).isEmpty, "still matching in: \(once)")
        }
        }
    }

    @Test func capsNeverSplitPlaceholdersOrExceedTheLimit() {
        var rng = SplitMix(state: 7)
        for _ in 0..<500 {
            let text = randomText(&rng)
            let cap = Int(rng.next() % 80) + 1
            let out = redactor.redact([text], maxLength: cap).texts[0]
            #expect(out.count <= cap)
            // Every `<type` that starts a placeholder is closed.
            if let open = out.lastIndex(of: "<"), out[open...].hasPrefix("<secret") || out[open...].hasPrefix("<email") {
                #expect(out[open...].contains(">"), "split placeholder in \(out)")
            }
        }
    }

    @Test func eachFieldGetsItsOwnCapAfterRedaction() {
        let summary = "token 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 leaked"
        let result = redactor.redact([summary, summary], maxLengths: [12, nil])
        // 12 characters would end inside `<secret:github>`, so the placeholder is dropped whole.
        #expect(result.texts == ["token …", "token <secret:github> leaked"])
        #expect(result.counts == ["secret:github": 2])
    }

    @Test func placeholdersAreStableAcrossFieldsOfOneLesson() {
        let result = redactor.redact(["from bob@example.org", "cc carol@example.org, bob@example.org"])
        #expect(result.texts == ["from <email:1>", "cc <email:2>, <email:1>"])
        #expect(result.counts == ["email": 3])
    }

    @Test func existingPlaceholderNumbersAreNotReused() {
        #expect(redactor.redact("<email:1> and dan@example.org") == "<email:1> and <email:2>")
    }

    @Test func randomBytesHugeLinesAndInvalidUTF8DoNotCrash() {
        var rng = SplitMix(state: 99)
        for _ in 0..<200 {
            let bytes = (0..<Int(rng.next() % 400)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let text = String(decoding: bytes, as: UTF8.self)
            let out = redactor.redact(text)
            #expect(redactor.redact(out) == out)
        }
        let huge = String(repeating: "a", count: 2_000_000) + "=" + String(repeating: "Zz9", count: 100_000)
        #expect(!redactor.redact(huge).isEmpty)
        let dashes = String(repeating: "-----BEGIN ", count: 10_000)
        #expect(redactor.redact(dashes) == dashes)
    }
}
