import Foundation
import Testing
@testable import LoopCore

/// Issue 13, item 12: a lesson's texts are redacted whole and cut afterwards, so a cut
/// never leaves a fragment of a secret or half a placeholder.
@Suite struct RedactionBeforeCutTests {
    static let github = "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"

    func candidate(_ signal: Signal, userText: String? = nil, before: String = "", after: String = "") -> Candidate {
        Candidate(
            harness: .claudeCode, harnessVersion: nil, sessionID: "s1", signal: signal,
            artifact: ArtifactRef(kind: .skill, name: "prd-writer"),
            position: TranscriptPosition(path: "/tmp/t.jsonl", line: 1, byteOffset: 0), file: "/repo/docs/prd.md", cwd: "/repo",
            before: before, after: after, userText: userText, changedFraction: 0.5, note: "n", observedAt: Date(timeIntervalSince1970: 0))
    }

    func synthesize(_ c: Candidate) -> Lesson {
        LessonSynthesizer(redactor: Redactor()).synthesize(c, id: "0193f1c2-0000-7000-8000-000000000000", now: Date(timeIntervalSince1970: 0)).lesson
    }

    @Test func tokenAcrossTheQuoteCutLeavesNoFragment() {
        // The token starts 10 characters before the 400-character cut.
        let words = String(repeating: "a", count: 389) + " " + Self.github + " and more words after it"
        let lesson = synthesize(candidate(.chatCorrection, userText: words))
        #expect(!lesson.summary.contains("ghp_"))
        #expect(!lesson.summary.contains("wWPw5k4a"))
        #expect(lesson.summary.contains("<secret:github>") || lesson.summary.hasSuffix("a …\""))
        #expect(lesson.redactions["secret:github"] == 1)
    }

    @Test func quoteCutNeverSplitsAPlaceholder() {
        for offset in 380...400 {
            let words = String(repeating: "b", count: offset) + " " + Self.github + " tail"
            let summary = synthesize(candidate(.explicit, userText: words)).summary
            #expect(!summary.contains("ghp_") && !summary.contains("<secret:git…") && !summary.contains("<secret…"), "offset \(offset): \(summary)")
            if let open = summary.lastIndex(of: "<") { #expect(summary[open...].contains(">"), "offset \(offset)") }
        }
    }

    @Test func excerptLinesAreCutAfterRedaction() {
        // A key block that starts inside the kept lines and ends after them.
        let body = (1...20).map { _ in "MIIEowIBAAKCAQEA7x9Jq2Lm4Np6Qr8St0Uv2Wx4Yz6Ab8Cd0Ef2Gh4Ij6Kl8Mn0Op" }.joined(separator: "\n")
        let after = (1...8).map { "line \($0)" }.joined(separator: "\n") + "\n-----BEGIN RSA PRIVATE KEY-----\n" + body + "\n-----END RSA PRIVATE KEY-----\nend"
        let lesson = synthesize(candidate(.handEdit, before: "old", after: after))
        #expect(!lesson.excerpt.after.contains("MIIE"))
        #expect(lesson.excerpt.after.contains("<secret:private-key>"))
        // And `password =⏎ value` split across the cut.
        let split = (1...11).map { "line \($0)" }.joined(separator: "\n") + "\npassword =\n  S3cr3tValue!\nmore"
        let lesson2 = synthesize(candidate(.handEdit, before: "old", after: split))
        #expect(!lesson2.excerpt.after.contains("S3cr3tValue"))
    }
}
