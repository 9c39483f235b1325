import Foundation
import Logging
import LoopCore
import LoopMCP
import LoopStore
import LoopTestSupport
import Synchronization

/// A live MCP endpoint on a temporary socket over a temporary outbox, with a
/// transcript reader the test controls.
final class MCPFixture: Sendable {
    let directory: TemporaryDirectory
    let outbox: Outbox
    let transcripts = FakeTranscripts()
    let socketPath: String
    let tools: LessonTools
    let task: Task<Void, Never>

    init(detectorConfig: DetectorConfig = DetectorConfig()) throws {
        directory = try TemporaryDirectory(prefix: "loop-mcp")
        outbox = try Outbox.open(at: directory.appending("state/outbox.sqlite3").path)
        socketPath = directory.appending("run/loop/loopd.sock").path
        let descriptor = try ListeningSocket.bind(path: socketPath)
        tools = LessonTools(
            outbox: outbox, redactor: Redactor(), detectorConfig: detectorConfig, clientVersion: "0.1.0-test",
            transcripts: transcripts)
        var logger = Logger(label: "loop.mcp.test")
        logger.logLevel = .critical
        let server = SocketServer(descriptor: descriptor, tools: tools, serverVersion: "0.1.0-test", logger: logger)
        task = Task { try? await server.run() }
    }

    func stop() async {
        task.cancel()
        await task.value
        directory.remove()
    }

    func client() async throws -> MCPTestClient {
        let client = try MCPTestClient(path: socketPath)
        try await client.initialize()
        return client
    }

    /// Stores a pending lesson seen in `session`, whose transcript is `transcript`.
    @discardableResult
    func seedLesson(
        session: String = "session-1", transcript: String = "/transcripts/session-1.jsonl",
        artifact: String = "prd-writer", file: String? = "docs/prd.md", at date: Date = Date()
    ) throws -> String {
        let id = UUIDv7.make(at: date, random: (0..<10).map { _ in UInt8.random(in: 0...255) })
        let lesson = Lesson(
            id: id, createdAt: ISO8601.string(date), harness: .init(name: "claude-code", version: "2.1.0"),
            artifact: .init(kind: .skill, name: artifact), signal: .handEdit, category: .wrongOutput, severity: .medium,
            confidence: 0.9, summary: "Output of skill \(artifact) was corrected by hand.",
            excerpt: .init(before: "## Intro", after: "## Problem", language: "markdown"), redactions: [:],
            client: .init(name: "loopd", version: "0.1.0"))
        let evidence = Evidence(
            signal: .handEdit, sessionID: session, transcriptPath: transcript, line: 7, byteOffset: 100, recordID: nil,
            commit: nil, file: file, before: "## Intro", after: "## Problem", note: "user rewrote the intro", observedAt: date)
        try outbox.record(candidate: lesson, evidence: evidence,
                          debounceKey: DebounceKey(harness: .claudeCode, sessionID: session, artifact: .init(kind: .skill, name: artifact)),
                          actor: .daemon, at: date)
        return id
    }
}

/// Transcript contents as the test sets them: path → the chat, in order.
final class FakeTranscripts: TranscriptReading {
    private let chats = Mutex<[String: [ChatTurn]]>([:])
    private let recent = Mutex<[String]>([])

    func userTyped(_ text: String, in path: String, recordID: String? = nil) {
        append(.user, text, in: path, recordID: recordID)
    }

    func agentSaid(_ text: String, in path: String) {
        append(.agent, text, in: path, recordID: nil)
    }

    /// The gate as the skill shows it: marker line, the payload verbatim, the keys.
    func showGate(for stored: StoredLesson, in path: String) throws {
        let payload = String(decoding: try LessonActions.payload(stored.lesson), as: UTF8.self)
        agentSaid("LOOP-CONSENT-GATE lesson \(stored.id)\n```json\n\(payload)\n```\n[S]end [E]dit [D]ecline", in: path)
    }

    /// Paths `recentTranscripts` returns, newest first.
    func setRecent(_ paths: [String]) { recent.withLock { $0 = paths } }

    private func append(_ speaker: ChatTurn.Speaker, _ text: String, in path: String, recordID: String?) {
        chats.withLock { chats in
            let line = (chats[path]?.count ?? 0) + 1
            chats[path, default: []].append(ChatTurn(
                speaker: speaker, text: text, sessionID: (path as NSString).lastPathComponent, transcriptPath: path,
                line: line, recordID: recordID, at: Date()))
        }
    }

    func conversation(transcriptPath: String, mentioning lessonID: String) -> [ChatTurn] {
        chats.withLock { $0[transcriptPath] ?? [] }
    }

    func recentTranscripts(harness: Harness) -> [String] { recent.withLock { $0 } }
}
