import Foundation
import LoopCore
import LoopHarness
import LoopTestSupport
import Testing

/// `OpenCodeDatabaseReader` on OpenCode 2.0's tables (`session_v2`,
/// `session_message`) in real SQLite files written by a second connection.
struct OpenCodeV2ReaderTests {
    static let t: Int64 = 1_791_500_000_000
    typealias V2 = OpenCodeV2TestDatabase

    /// What an event says, for exact comparisons.
    struct Seen: Equatable, CustomStringConvertible {
        var sessionID: String
        var agentID: String?
        var kind: NormalizedEvent.Kind
        var description: String { "\(sessionID)/\(agentID ?? "-") \(kind)" }
    }

    static func seen(_ events: [NormalizedEvent]) -> [Seen] {
        events.map { Seen(sessionID: $0.sessionID, agentID: $0.agentID, kind: $0.kind) }
    }

    static func date(_ ms: Int64) -> Date { Date(timeIntervalSince1970: Double(ms) / 1000) }

    static func started(_ cwd: String = "/home/dev/proj", version: String = "2.0.26") -> NormalizedEvent.Kind {
        .sessionStarted(SessionInfo(cwd: cwd, harnessVersion: version))
    }

    // MARK: - One session, every mapped row kind

    static let patchA = """
        Index: src/a.txt
        ===================================================================
        --- src/a.txt
        +++ src/a.txt
        @@ -1,2 +1,2 @@
        -old line
        +new line
         keep

        """
    static let patchC = "--- c.txt\n+++ c.txt\n@@ -0,0 +1,1 @@\n+hello\n"

    static func writeFullSession(_ db: V2) throws {
        let t = Self.t
        try db.session("ses_A", created: t)
        try db.message("msg_01", session: "ses_A", type: "user", seq: 1, created: t + 10, data: V2.user("Fix the bug", at: t + 10))
        try db.message("msg_02", session: "ses_A", type: "assistant", seq: 3, created: t + 20, updated: t + 60, data: V2.assistant(
            agent: "reviewer",
            content: [V2.text("I'll fix it."),
                      V2.tool("call_1", "edit", status: "completed",
                              input: ["path": "src/a.txt", "oldString": "old line", "newString": "new line"], at: t + 30,
                              metadata: ["files": [["file": "src/a.txt", "patch": patchA, "additions": 1, "deletions": 1,
                                                    "status": "modified"]]])],
            at: t + 20, completed: t + 60, finish: "tool-calls"))
        try db.message("msg_03", session: "ses_A", type: "assistant", seq: 6, created: t + 100, updated: t + 160, data: V2.assistant(
            content: [V2.tool("call_2", "write", status: "completed", input: ["path": "/home/dev/proj/new.txt", "content": "1\n2\n"],
                              at: t + 110),
                      V2.tool("call_3", "apply_patch", status: "completed", input: ["patchText": "*** Begin Patch"], at: t + 120,
                              metadata: ["files": [
                                  ["file": "b.txt", "before": "x\n", "after": "y\n", "status": "modified", "additions": 1, "deletions": 1],
                                  ["file": "c.txt", "patch": patchC, "status": "added", "additions": 1, "deletions": 0],
                              ]])],
            at: t + 100, completed: t + 160, finish: "tool-calls"))
        try db.message("msg_04", session: "ses_A", type: "assistant", seq: 7, created: t + 200, updated: t + 220, data: V2.assistant(
            content: [V2.tool("call_4", "edit", status: "error", input: ["path": "src/a.txt", "oldString": "a", "newString": "b"],
                              at: t + 210, error: ["type": "permission.rejected", "message": "Permission denied: edit"]),
                      V2.tool("call_5", "shell", status: "error", input: ["command": "sleep 9"], at: t + 215,
                              error: ["type": "aborted", "message": "Tool execution interrupted"])],
            at: t + 200, completed: t + 220, finish: "tool-calls"))
        try db.message("msg_05", session: "ses_A", type: "skill", seq: 8, created: t + 300, data: [
            "time": ["created": t + 300], "skill": "sk_deploy", "name": "deploy-checklist", "text": "Steps…",
        ])
        try db.message("msg_06", session: "ses_A", type: "user", seq: 9, created: t + 400, data: V2.user("Now the docs", at: t + 400))
        try db.message("msg_07", session: "ses_A", type: "assistant", seq: 10, created: t + 410, updated: t + 450, data: V2.assistant(
            content: [["type": "reasoning", "text": "hmm"], V2.text("Partial")], at: t + 410, completed: t + 450, finish: "error",
            error: ["type": "aborted", "message": "Step interrupted"]))
        try db.message("msg_08", session: "ses_A", type: "idle", seq: 11, created: t + 460,
                       data: ["time": ["created": t + 460], "outcome": "interrupted"])
        try db.message("msg_09", session: "ses_A", type: "agent-switched", seq: 12, created: t + 470,
                       data: ["time": ["created": t + 470], "agent": "plan", "previous": "build"])
        try db.message("msg_10", session: "ses_A", type: "synthetic", seq: 13, created: t + 480,
                       data: ["time": ["created": t + 480], "text": "A reminder"])
        try db.message("msg_11", session: "ses_A", type: "shell", seq: 14, created: t + 490,
                       data: ["time": ["created": t + 490], "shellID": "sh_1", "command": "ls", "status": "exited"])
    }

    static var fullSessionEvents: [NormalizedEvent.Kind] {
        [started(),
         .userMessage("Fix the bug"),
         .primaryAgent(ArtifactRef(kind: .agent, name: "reviewer")),
         .agentMessage("I'll fix it."),
         .agentEdited(AgentEdit(file: "/home/dev/proj/src/a.txt", before: nil, after: nil,
                                hunks: [EditHunk(oldStart: 1, oldLines: 2, newStart: 1, newLines: 2,
                                                 lines: ["-old line", "+new line", " keep"])],
                                toolCallID: "call_1", tool: "edit")),
         .agentEdited(AgentEdit(file: "/home/dev/proj/new.txt", before: nil, after: "1\n2\n",
                                hunks: LineDiff.hunks(old: "", new: "1\n2\n"), toolCallID: "call_2", tool: "write")),
         .agentEdited(AgentEdit(file: "/home/dev/proj/b.txt", before: "x\n", after: "y\n",
                                hunks: LineDiff.hunks(old: "x\n", new: "y\n"), toolCallID: "call_3", tool: "apply_patch")),
         .agentEdited(AgentEdit(file: "/home/dev/proj/c.txt", before: nil, after: nil,
                                hunks: [EditHunk(oldStart: 1, oldLines: 0, newStart: 1, newLines: 1, lines: ["+hello"])],
                                toolCallID: "call_3", tool: "apply_patch")),
         .toolRejected(toolCallID: "call_4", userReason: nil),
         .artifactActivated(ArtifactRef(kind: .skill, name: "deploy-checklist")),
         .userMessage("Now the docs"),
         .interrupted,
         .agentMessage("Partial")]
    }

    @Test("a V2-only database: prompts, edit, write, patch, rejection, skill, custom agent, one interrupt")
    func fullSession() throws {
        let directory = try TemporaryDirectory(prefix: "opencode-v2")
        defer { directory.remove() }
        let path = directory.appending("opencode.db").path
        let db = try V2(path: path)
        try Self.writeFullSession(db)

        let reader = try OpenCodeDatabaseReader(path: path)
        #expect(!reader.schema.hasV1 && reader.schema.hasV2)
        let (events, cursor) = try reader.readNew(after: nil)
        #expect(events.map(\.kind) == Self.fullSessionEvents)
        #expect(events.allSatisfy { $0.sessionID == "ses_A" && $0.agentID == nil && $0.position.path == path })
        #expect(reader.issues.isEmpty, "\(reader.issues)")
        // Positions and times: the message id; a tool's completion time; an interrupt's step end.
        let edit = try #require(events.first { if case .agentEdited = $0.kind { true } else { false } })
        #expect(edit.position.recordID == "msg_02" && edit.timestamp == Self.date(Self.t + 35))
        let interrupt = try #require(events.first { $0.kind == .interrupted })
        #expect(interrupt.position.recordID == "msg_07" && interrupt.timestamp == Self.date(Self.t + 450))

        let again = try reader.readNew(after: cursor)
        #expect(again.events.isEmpty && again.cursor == cursor)
        #expect(try reader.readNew(after: nil).events.isEmpty)
        // `loopctl doctor` finds the version in session_v2 too.
        #expect(try OpenCodeDatabaseVersion.newestSessionVersion(databasePath: path) == "2.0.26")
    }

    @Test("a subagent session reports the parent's id and its own as agentID; the subagent call names the agent")
    func subagent() throws {
        let directory = try TemporaryDirectory(prefix: "opencode-v2")
        defer { directory.remove() }
        let path = directory.appending("opencode.db").path
        let db = try V2(path: path)
        let t = Self.t
        try db.session("ses_P", created: t)
        try db.session("ses_C", parent: "ses_P", created: t + 50)
        try db.message("msg_p1", session: "ses_P", type: "user", seq: 1, created: t + 10, data: V2.user("Audit this", at: t + 10))
        try db.message("msg_p2", session: "ses_P", type: "assistant", seq: 2, created: t + 20, updated: t + 90, data: V2.assistant(
            content: [V2.tool("call_s", "subagent", status: "completed",
                              input: ["agent": "security-auditor", "description": "Audit", "prompt": "Audit it"], at: t + 30)],
            at: t + 20, completed: t + 90, finish: "tool-calls"))
        try db.message("msg_c1", session: "ses_C", type: "user", seq: 1, created: t + 60, data: V2.user("Audit it", at: t + 60))
        try db.message("msg_c2", session: "ses_C", type: "assistant", seq: 2, created: t + 70, updated: t + 80, data: V2.assistant(
            agent: "security-auditor", content: [V2.text("No issues.")], at: t + 70, completed: t + 80, finish: "stop"))

        let reader = try OpenCodeDatabaseReader(path: path)
        let auditor = ArtifactRef(kind: .agent, name: "security-auditor")
        #expect(Self.seen(try reader.readNew(after: nil).events) == [
            Seen(sessionID: "ses_P", kind: Self.started()),
            Seen(sessionID: "ses_P", kind: .userMessage("Audit this")),
            Seen(sessionID: "ses_P", kind: .artifactActivated(auditor)),
            Seen(sessionID: "ses_P", agentID: "ses_C", kind: Self.started()),
            Seen(sessionID: "ses_P", agentID: "ses_C", kind: .userMessage("Audit it")),
            Seen(sessionID: "ses_P", agentID: "ses_C", kind: .primaryAgent(auditor)),
            Seen(sessionID: "ses_P", agentID: "ses_C", kind: .agentMessage("No issues.")),
        ])
    }

    @Test("session_v2.revert rolls back the turns from its message on, once")
    func revert() throws {
        let directory = try TemporaryDirectory(prefix: "opencode-v2")
        defer { directory.remove() }
        let path = directory.appending("opencode.db").path
        let db = try V2(path: path)
        let t = Self.t
        try db.session("ses_R", created: t)
        try db.message("msg_1", session: "ses_R", type: "user", seq: 1, created: t + 10, data: V2.user("One", at: t + 10))
        try db.message("msg_2", session: "ses_R", type: "user", seq: 4, created: t + 20, data: V2.user("Two", at: t + 20))
        try db.message("msg_3", session: "ses_R", type: "assistant", seq: 5, created: t + 30, updated: t + 40,
                       data: V2.assistant(content: [V2.text("Done.")], at: t + 30, completed: t + 40, finish: "stop"))
        let reader = try OpenCodeDatabaseReader(path: path)
        let first = try reader.readNew(after: nil)
        #expect(first.events.map(\.kind) == [Self.started(), .userMessage("One"), .userMessage("Two"), .agentMessage("Done.")])

        try db.session("ses_R", revert: ["messageID": "msg_2", "snapshot": "abc"], created: t, updated: t + 100)
        let second = try reader.readNew(after: first.cursor)
        #expect(Self.seen(second.events) == [Seen(sessionID: "ses_R", kind: .rolledBack(turns: 1))])
        #expect(second.events.first?.position.recordID == "msg_2")
        #expect(try reader.readNew(after: second.cursor).events.isEmpty)
    }

    @Test("an assistant row rewritten while it streams: tools count when done, the text once, whole")
    func streaming() throws {
        let directory = try TemporaryDirectory(prefix: "opencode-v2")
        defer { directory.remove() }
        let path = directory.appending("opencode.db").path
        let db = try V2(path: path)
        let t = Self.t
        try db.session("ses_S", created: t)
        try db.message("msg_1", session: "ses_S", type: "user", seq: 1, created: t + 10, data: V2.user("Write hello", at: t + 10))
        func assistant(_ text: String, tool: [String: Any], completed: Int64?, updated: Int64) throws {
            try db.message("msg_2", session: "ses_S", type: "assistant", seq: 2, created: t + 20, updated: updated,
                           data: V2.assistant(content: [V2.text(text), tool], at: t + 20, completed: completed,
                                              finish: completed == nil ? nil : "stop"))
        }
        let input: [String: Any] = ["path": "a.txt", "oldString": "a", "newString": "b"]
        let done = V2.tool("call_e", "edit", status: "completed", input: input, at: t + 25, metadata: [
            "files": [["file": "a.txt", "before": "a\n", "after": "b\n", "status": "modified", "additions": 1, "deletions": 1]],
        ])
        try assistant("Hel", tool: V2.tool("call_e", "edit", status: "streaming", input: "{\"path\":\"a.t", at: t + 25),
                      completed: nil, updated: t + 21)
        let reader = try OpenCodeDatabaseReader(path: path)
        let first = try reader.readNew(after: nil)
        #expect(first.events.map(\.kind) == [Self.started(), .userMessage("Write hello")])

        try assistant("Hello wor", tool: done, completed: nil, updated: t + 30)
        let second = try reader.readNew(after: first.cursor)
        let edit = AgentEdit(file: "/home/dev/proj/a.txt", before: "a\n", after: "b\n",
                             hunks: LineDiff.hunks(old: "a\n", new: "b\n"), toolCallID: "call_e", tool: "edit")
        #expect(second.events.map(\.kind) == [.agentEdited(edit)])

        try assistant("Hello world", tool: done, completed: t + 40, updated: t + 40)
        let third = try reader.readNew(after: second.cursor)
        #expect(third.events.map(\.kind) == [.agentMessage("Hello world")])
        #expect(try reader.readNew(after: third.cursor).events.isEmpty)
        #expect(try reader.readNew(after: nil).events.isEmpty)
    }

    @Test("incremental reads through a persisted cursor emit everything once", arguments: [false, true])
    func incremental(restart: Bool) throws {
        let directory = try TemporaryDirectory(prefix: "opencode-v2")
        defer { directory.remove() }
        let path = directory.appending("opencode.db").path
        let whole = directory.appending("whole.db").path
        let db = try V2(path: path)
        try Self.writeFullSession(db)
        // The same rows in another file, read at once, say what the pieces must add up to.
        let wholeDB = try V2(path: whole)
        try Self.writeFullSession(wholeDB)
        try wholeDB.message("msg_12", session: "ses_A", type: "user", seq: 20, created: Self.t + 500,
                                     data: V2.user("One more", at: Self.t + 500))
        let expected = try OpenCodeDatabaseReader(path: whole).readNew(after: nil).events

        let reader = try OpenCodeDatabaseReader(path: path)
        let first = try reader.readNew(after: nil)
        try db.message("msg_12", session: "ses_A", type: "user", seq: 20, created: Self.t + 500,
                       data: V2.user("One more", at: Self.t + 500))
        let saved = try JSONDecoder().decode(OpenCodeCursor.self, from: JSONEncoder().encode(first.cursor))
        let second = try (restart ? OpenCodeDatabaseReader(path: path) : reader).readNew(after: saved)
        #expect(second.events.map(\.kind) == [.userMessage("One more")])
        #expect(OpenCodeDatabaseReaderTests.comparable(first.events + second.events)
            == OpenCodeDatabaseReaderTests.comparable(expected))
    }

    @Test("a row whose data is not JSON is an issue naming table and id; the rest is read")
    func malformed() throws {
        let directory = try TemporaryDirectory(prefix: "opencode-v2")
        defer { directory.remove() }
        let path = directory.appending("opencode.db").path
        let db = try V2(path: path)
        let t = Self.t
        try db.session("ses_M", created: t)
        try db.message("msg_1", session: "ses_M", type: "user", seq: 1, created: t + 10, data: V2.user("Hi", at: t + 10))
        try db.raw("msg_bad", session: "ses_M", type: "assistant", seq: 2, created: t + 20, data: "{not json")
        try db.message("msg_3", session: "ses_M", type: "assistant", seq: 3, created: t + 30, updated: t + 40,
                       data: V2.assistant(content: [V2.text("Hello.")], at: t + 30, completed: t + 40, finish: "stop"))
        let reader = try OpenCodeDatabaseReader(path: path)
        let (events, _) = try reader.readNew(after: nil)
        #expect(events.map(\.kind) == [Self.started(), .userMessage("Hi"), .agentMessage("Hello.")])
        #expect(reader.issues.count == 1)
        let message = reader.issues.first?.message ?? ""
        #expect(message.contains("session_message") && message.contains("msg_bad"), "\(message)")
    }
}
