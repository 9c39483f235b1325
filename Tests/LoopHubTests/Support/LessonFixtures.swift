import Foundation
import LoopCore
@testable import LoopHub

/// Valid lessons for the tests, with unique UUIDv7 ids.
enum LessonFixtures {
    static func id() -> String {
        UUIDv7.make(at: Date(), random: (0..<10).map { _ in UInt8.random(in: 0...255) })
    }

    static func lesson(id: String = LessonFixtures.id(), artifact: String = "prd-writer", kind: ArtifactKind = .skill,
                       signal: Signal = .handEdit, severity: Severity = .medium,
                       summary: String = "PRDs from prd-writer must follow the Problem/Solution/Metrics template.",
                       after: String = "## Problem") -> Lesson {
        Lesson(id: id, createdAt: "2026-11-22T10:15:30.123Z", harness: .init(name: "claude-code", version: "2.1.38"),
               artifact: .init(kind: kind, name: artifact, version: "sha256:abc", repo: nil),
               signal: signal, category: .wrongOutput, severity: severity, confidence: 0.9, summary: summary,
               excerpt: .init(before: "# Overview", after: after, language: "markdown"),
               redactions: ["email": 1], client: .init(name: "loopd", version: "0.1.0"))
    }

    static func json(_ lesson: Lesson) -> String { CanonicalJSON.string(lesson) }

    /// A GitHub token the real redaction engine must catch (never a real one).
    static let githubToken = "ghp_" + String(repeating: "A1b2C3d4E5", count: 4).prefix(36)
    /// An AWS access key id the real engine must catch (the documented example key).
    // Not the docs' AKIA…EXAMPLE key: like gitleaks, the redactor lets that one through.
    static let awsKey = "AKIAZ7Q3LJKR5T2W9XYV"
}
