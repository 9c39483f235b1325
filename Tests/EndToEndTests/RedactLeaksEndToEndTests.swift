import Foundation
import LoopTestSupport
import Testing

/// The real `loopctl redact` on a careless paste with the leaks of issue 13: none of
/// the secret values may survive in what it prints.
@Suite("loopctl redact leaks", .enabled(if: LoopBinaries.available, "build loopd and loopctl first (make test does)"))
struct RedactLeaksEndToEndTests {
    static let github = "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"

    /// Values that must not appear in the output, each with the text that carries it.
    static var leaks: [(secret: String, text: String)] {
        let encoded = Data("x-access-token:\(github)".utf8).base64EncodedString()
        return [
            ("q8Vd2LkR7mXw0Zp4Nc9Hs1Bt6Gy3Fj5Ua7Ee2Ko0", "deploy with secret q8Vd2LkR7mXw0Zp4Nc9Hs1Bt6Gy3Fj5Ua7Ee2Ko0 today"),
            ("AKIAIOSFODNN7EXAMPLE", "aws key AKIAIOSFODNN7EXAMPLE"),
            ("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "aws secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
            ("Tr0ub4dor&3", "the admin password is Tr0ub4dor&3."),
            ("correct horse battery staple", #"password = "correct horse battery staple""#),
            ("S3cretPass", "mysql -u root -pS3cretPass shop"),
            ("p@ss#w", "psql postgres://u:p@ss#w@db.example.com/shop"),
            ("wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO0pINUx", "prd-\(github) and {\"t\":\"line\\n\(github)\"}"),
            ("Xy9kLm2q", "password =\n  Xy9kLm2q"),
            ("hunterX2", "login?password%3DhunterX2"),
            (encoded, "git -c http.extraheader='AUTHORIZATION: basic \(encoded)' fetch; echo \(encoded)"),
            ("notbase64!!", "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nnotbase64!! ### ~~\n-----END RSA PRIVATE KEY-----"),
            ("9fX2kQ7mL4pZ8rT1vB6nC3", "the API key is 9fX2kQ7mL4pZ8rT1vB6nC3"),
        ]
    }

    @Test func noSecretSurvivesAndTheUserNameLearnedFromAPathGoesToo() async throws {
        let user = try TestUser()
        defer { user.root.remove() }
        let logs = user.root.appending("logs")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        // `jdoe2025` is not this machine's user: only the home path in the paste reveals it.
        let environment = user.environment
        let paste = (Self.leaks.map(\.text) + ["edited /home/jdoe2025/src/app/main.swift, ask jdoe2025"]).joined(separator: "\n")
        let result = try await ChildProcess.runWithInput(
            LoopBinaries.path("loopctl"), ["redact", "--config", "/dev/null"], input: paste,
            environment: environment, logDirectory: logs)
        #expect(result.status == 0, "\(result.stderr)")
        for leak in Self.leaks {
            #expect(!result.stdout.contains(leak.secret), "survived: \(leak.text)")
        }
        #expect(!result.stdout.contains("jdoe2025"))
        #expect(!result.stdout.contains("ghp_"))
        #expect(result.stdout.contains("<secret:"), "placeholders are printed")
        // The redacted text reads as clean to `--verify`.
        let outFile = logs.appendingPathComponent("redacted.txt")
        try result.stdout.write(to: outFile, atomically: true, encoding: .utf8)
        let verify = try await ChildProcess.run(
            LoopBinaries.path("loopctl"), ["redact", "--verify", "--config", "/dev/null", outFile.path],
            environment: environment, logDirectory: logs)
        #expect(verify.status == 0, "still matching: \(verify.stdout)")
    }
}
