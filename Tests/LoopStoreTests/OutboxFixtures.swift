import Foundation
import GRDB
import LoopCore
import LoopStore
import LoopTestSupport
import Testing

/// Builders for the values the outbox stores, with fixed dates (the store keeps
/// milliseconds) so round-trips compare equal.
enum Sample {
    static let t0 = Date(timeIntervalSince1970: 1_795_000_000)

    static func lesson(id: String = "0193f1c2-0000-7000-8000-000000000001", severity: Severity = .medium,
                       artifact: String = "prd-writer", createdAt: String = "2026-11-22T10:15:30.123Z") -> Lesson {
        Lesson(
            id: id, createdAt: createdAt,
            harness: .init(name: "claude-code", version: "2.1.38"),
            artifact: .init(kind: .skill, name: artifact, version: "sha256:abc", repo: nil),
            signal: .handEdit, category: .wrongOutput, severity: severity, confidence: 0.9,
            summary: "PRDs from prd-writer must follow the Problem/Solution/Metrics template.",
            excerpt: .init(before: "# Overview", after: "# Problem", language: "markdown"),
            redactions: ["email": 1, "path": 3],
            client: .init(name: "loopd", version: "0.1.0"))
    }

    static func evidence(line: Int = 12, after: String = "# Problem", signal: Signal = .handEdit) -> Evidence {
        Evidence(
            signal: signal, sessionID: "session-1", transcriptPath: "/home/u/.claude/projects/p/s.jsonl",
            line: line, byteOffset: Int64(line * 100), recordID: "rec-\(line)", commit: "0123abcd",
            file: "docs/prd.md", before: "# Overview", after: after, note: "user rewrote 4 of 6 lines",
            observedAt: t0.addingTimeInterval(Double(line)))
    }

    static func key(session: String = "session-1", artifact: String = "prd-writer") -> DebounceKey {
        DebounceKey(harness: .claudeCode, sessionID: session, artifact: ArtifactRef(kind: .skill, name: artifact))
    }
}

/// A fresh outbox file in its own temporary directory.
struct OutboxFile {
    let directory: TemporaryDirectory
    var path: String { directory.appending("state/loop/outbox.sqlite3").path }

    init() throws { directory = try TemporaryDirectory(prefix: "loop-store") }

    func open() throws -> Outbox { try Outbox.open(at: path) }
}

/// An outbox holding one approved lesson, opened again through a raw GRDB
/// connection that sets no pragma (like a stray sqlite3 session), for tests
/// that attack the history tables with SQL.
enum RawOutbox {
    static func open() throws -> (OutboxFile, DatabaseQueue, String) {
        let file = try OutboxFile()
        let outbox = try file.open()
        let lesson = Sample.lesson()
        try outbox.record(candidate: lesson, evidence: Sample.evidence(), debounceKey: Sample.key(), actor: .daemon)
        try outbox.transition(id: lesson.id, to: .approved, actor: .cli)
        return (file, try DatabaseQueue(path: file.path), lesson.id)
    }

    /// `sql` fails with a database error whose message contains `message`.
    static func refused(_ sql: String, in raw: DatabaseQueue, saying message: String) {
        let error = #expect(throws: DatabaseError.self) { try raw.write { try $0.execute(sql: sql) } }
        #expect(error?.message?.contains(message) == true, "\(sql): \(String(describing: error))")
    }
}
