import Foundation
import LoopCore
import LoopTestSupport
import Testing

/// Scores the redactor on the public gitleaks and detect-secrets cases
/// (`../shared/fixtures/redaction-cases/`).
@Suite struct RedactionFixtureTests {
    struct Case {
        let source: String
        let rule: String
        let isPositive: Bool
        let text: String
    }

    static func load() throws -> [Case] {
        var cases: [Case] = []
        for (file, ruleKey) in [("gitleaks-rule-cases.jsonl", "rule_id"), ("detect-secrets-plugin-cases.jsonl", "plugin_test")] {
            let text = try String(contentsOf: Fixtures.redactionCases.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
                cases.append(Case(source: file, rule: object[ruleKey] as! String, isPositive: object["label"] as! String == "tp",
                                  text: object["text"] as! String))
            }
        }
        return cases
    }

    /// The case files give no spans, so the secret is taken to be the most random-looking
    /// token that is not a key name, a flag, a path, a URL, a `$VARIABLE` or a port:
    /// first among tokens that mix digits and letters or cases, else among the rest.
    /// Scored "by span": that token must not survive. With no such token the output must
    /// at least differ. Not scored: path-only rules (pkcs12, empty text) and the
    /// `"type": "service_account"` marker, which holds no secret value.
    static func secretSpan(_ text: String) -> String? {
        let keyPattern = try! NSRegularExpression(pattern: #"([\w.-]+)['"]?\s*(?:\?=|:=|=|:)(?=[ \t]*['"]?[A-Za-z_$<{])"#)
        let ns = text as NSString
        let keys = Set(keyPattern.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range(at: 1)) })
        let separators = CharacterSet(charactersIn: " \t\r\n'\"`:=,;()[]{}<>\\|&?")
        let tokens: [String] = text.components(separatedBy: separators)
            .map { $0.hasSuffix(".") ? String($0.dropLast()) : $0 }
            .filter { isCandidate($0, keys: keys) }
        let randomLooking = tokens.filter { token in
            let digits = token.contains(where: \.isNumber), letters = token.contains(where: \.isLetter)
            // `port@host` joins two values; it is judged with the plain tokens.
            guard !token.contains("@") else { return false }
            // An upper-case letter after the first one (`Capitalised` words do not count).
            let innerCapital = token.dropFirst().contains(where: \.isUppercase) && token.contains(where: \.isLowercase)
            return (digits && letters) || innerCapital || token.count >= 20
        }
        return (randomLooking.isEmpty ? tokens : randomLooking).max { score($0) < score($1) }
    }

    static func isCandidate(_ token: String, keys: Set<String>) -> Bool {
        guard token.count >= 4, !token.hasPrefix("-"), !token.hasPrefix("$"), !keys.contains(token), !isPathOrURL(token) else { return false }
        // Ports (`8080`, `8080@host`) and URL schemes are not secrets.
        if token.allSatisfy(\.isNumber) || token.range(of: #"^\d+@"#, options: .regularExpression) != nil { return false }
        return token != "http" && token != "https"
    }

    /// Paths, routes and MIME types (`/a/b`, `8080/api/v1`, `application/json`) have no
    /// upper-case letters; base64 secrets with a `/` almost always do.
    static func isPathOrURL(_ token: String) -> Bool {
        token.hasPrefix("/") || token.contains("://") || (token.contains("/") && !token.contains(where: \.isUppercase))
    }

    static func score(_ token: String) -> Double {
        var counts: [Character: Int] = [:]
        for c in token { counts[c, default: 0] += 1 }
        let n = Double(token.count)
        return -counts.values.reduce(0) { $0 + Double($1) / n * log2(Double($1) / n) } * n
    }

    @Test func truePositivesAreRedactedBySpan() throws {
        let redactor = Redactor()
        let positives = try Self.load().filter { $0.isPositive && !$0.text.trimmingCharacters(in: .whitespaces).isEmpty && $0.rule != "gcp-service-account" }
        var missed: [String] = []
        for c in positives {
            let output = redactor.redact(c.text)
            let span = Self.secretSpan(c.text)
            let survived = span.map { output.contains($0) } ?? (output == c.text)
            if survived { missed.append("\(c.rule): span \(span ?? "-") in \(output.prefix(160))") }
        }
        let coverage = Double(positives.count - missed.count) / Double(positives.count)
        print("redaction TP coverage: \(positives.count - missed.count)/\(positives.count) = \(coverage)")
        for m in missed { print("  missed \(m)") }
        #expect(positives.count > 340)
        #expect(missed.isEmpty)
    }

    @Test func falsePositiveRateOnNegativesIsReported() throws {
        let redactor = Redactor()
        let negatives = try Self.load().filter { !$0.isPositive }
        var bySource: [String: (flagged: Int, total: Int)] = [:]
        for c in negatives {
            let flagged = redactor.redact(c.text) != c.text
            bySource[c.source, default: (0, 0)].total += 1
            if flagged { bySource[c.source, default: (0, 0)].flagged += 1 }
        }
        let flagged = bySource.values.reduce(0) { $0 + $1.flagged }
        print("redaction FP on negatives: \(flagged)/\(negatives.count) \(bySource)")
        #expect(negatives.count > 400)
        #expect(Double(flagged) / Double(negatives.count) < 0.5)
    }

    /// The detect-secrets plugin test data files carry secrets the redactor must find.
    @Test func detectSecretsTestDataHasFindings() throws {
        let url = Fixtures.redactionCases.appendingPathComponent("detect-secrets-test_data/each_secret.py")
        let text = try String(contentsOf: url, encoding: .utf8)
        let findings = Redactor().verify(text)
        #expect(findings.contains("secret:aws"))
        print("each_secret.py findings: \(findings)")
        #expect(findings.count >= 3)
    }
}
