import Foundation
import LoopTestSupport
import Testing

/// Garbage never stops loopd: bad lines are logged with file and line and
/// skipped, odd files are skipped, and real corrections after them still count.
@Suite("loopd end to end: bad input", .serialized, .enabled(if: LoopBinaries.available, "build loopd and loopctl first (make test does)"))
struct BadInputEndToEndTests {
    static func line(_ object: [String: Any]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    /// A minimal Claude Code 2.1 exchange: `/prd-writer`, the agent's answer, the user's correction.
    static func exchange(session: String, cwd: String) -> [String] {
        let envelope: [String: Any] = ["sessionId": session, "cwd": cwd, "version": "2.1.38", "gitBranch": "main", "isSidechain": false, "userType": "external"]
        func with(_ extra: [String: Any]) -> [String: Any] { envelope.merging(extra) { $1 } }
        return [
            line(with(["type": "user", "uuid": "\(session)-1", "timestamp": "2026-11-22T10:00:00.000Z", "message": ["role": "user", "content": "<command-message>prd-writer</command-message>\n<command-name>/prd-writer</command-name>\n<command-args>search</command-args>"]])),
            line(with(["type": "assistant", "uuid": "\(session)-2", "timestamp": "2026-11-22T10:00:05.000Z", "message": ["id": "msg_\(session)", "role": "assistant", "model": "claude-opus-4-6", "content": [["type": "text", "text": "Here is the PRD for search, in free form."]], "stop_reason": "end_turn"]])),
            line(with(["type": "user", "uuid": "\(session)-3", "timestamp": "2026-11-22T10:01:00.000Z", "message": ["role": "user", "content": "no, the template is Problem/Solution/Metrics"]])),
        ]
    }

    @Test func garbageIsSkippedAndLaterCorrectionsStillCount() async throws {
        let harness = try DaemonHarness()
        defer { harness.user.root.remove() }
        let repo = harness.user.home.appendingPathComponent("work/app")
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        let daemon = try await harness.startDaemon()
        let project = try harness.projectDirectory(for: repo.path)

        // Odd entries: a directory and a dangling link that look like transcripts, and a locked directory.
        try FileManager.default.createDirectory(at: project.appendingPathComponent("not-a-file.jsonl"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: project.appendingPathComponent("dangling.jsonl").path, withDestinationPath: "/nonexistent/loop/x.jsonl")
        let locked = project.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: locked.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: locked.path) }

        // A transcript deleted while it is being tailed.
        let doomed = try TranscriptWriter(path: project.appendingPathComponent("doomed.jsonl"))
        try doomed.append(Self.exchange(session: "doomed", cwd: repo.path)[0])
        try await Task.sleep(for: .milliseconds(300))
        try FileManager.default.removeItem(at: project.appendingPathComponent("doomed.jsonl"))

        let transcript = try TranscriptWriter(path: project.appendingPathComponent("bad-1.jsonl"))
        try transcript.append("this is not json at all")
        try transcript.append(#"{"type":"user","message":{"role":"user","content":"trunc"#)
        try transcript.append(bytes: [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x7D, 0x0A])  // {"\xff\xfe"} : not UTF-8
        try transcript.append(#"{"type":"some-future-line","payload":{"x":1}}"#)
        for line in Self.exchange(session: "bad-1", cwd: repo.path) { try transcript.append(line) }

        let found = await eventually(timeout: 20) { (try? await harness.lessons().count) == 1 }
        #expect(found, "the correction after the garbage should still be found; stderr: \(daemon.stderr.suffix(3000))")
        let lesson = try #require(try await harness.lessons().first)
        #expect(lesson["signal"] as? String == "chat-correction")
        #expect((lesson["artifact"] as? [String: Any])?["name"] as? String == "prd-writer")
        #expect(daemon.process.isRunning, "loopd must survive bad input")
        let log = daemon.stderr
        #expect(log.contains("bad-1.jsonl"), "the log names the file with the bad line")
        #expect(log.contains("loop.line=1"), "and the line")
        #expect(log.contains("loop.line=3"), "the non-UTF-8 line is reported too")
        await harness.stop(daemon)
    }
}
