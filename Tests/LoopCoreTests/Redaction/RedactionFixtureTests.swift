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

    /// The case files give no spans, so the secret is taken as the most random-looking
    /// token that is not a key name, a flag, a path or a URL. Scored "by span": that
    /// token must not survive. Cases whose rule matches a file name (pkcs12, empty text)
    /// or a marker with no secret value (`"type": "service_account"`) are not scored.
    static func secretSpan(_ text: String) -> String? {
        let keyPattern = try! NSRegularExpression(pattern: #"([\w.-]+)['"]?\s*(?:\?=|:=|=|:)"#)
        let ns = text as NSString
        let keys = Set(keyPattern.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range(at: 1)) })
        let separators = CharacterSet(charactersIn: " \t\r\n'\"`:=,;()[]{}<>\\|")
        let tokens = text.components(separatedBy: separators)
            .map { $0.hasSuffix(".") ? String($0.dropLast()) : $0 }
            .filter { $0.count >= 4 && !$0.hasPrefix("-") && !$0.hasPrefix("/") && !$0.hasPrefix("http") && !keys.contains($0) }
        return tokens.max { score($0) < score($1) }
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
            let survived = Self.secretSpan(c.text).map { output.contains($0) } ?? (output == c.text)
            if survived { missed.append("\(c.rule): \(c.text.prefix(80))") }
        }
        let coverage = Double(positives.count - missed.count) / Double(positives.count)
        print("redaction TP coverage: \(positives.count - missed.count)/\(positives.count) = \(coverage)")
        for m in missed { print("  missed \(m)") }
        #expect(positives.count > 340)
        #expect(coverage >= 0.94)
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
