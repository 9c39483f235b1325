import Foundation
import LoopCore
import LoopHarness
import Testing

/// The session decoder on hand-written OpenCode objects (shapes from
/// reference/harness-formats.md §3.2–3.3) for what the fixtures do not show.
struct OpenCodeDecoderTests {
    static var session: [String: Any] {
        ["id": "ses_1", "directory": "/repo", "version": "1.2.9", "time": ["created": 1_000, "updated": 2_000]]
    }
    static var user: [String: Any] { ["id": "msg_1", "sessionID": "ses_1", "role": "user", "time": ["created": 1_100]] }
    static var assistant: [String: Any] {
        ["id": "msg_2", "sessionID": "ses_1", "role": "assistant", "agent": "build", "time": ["created": 1_200]]
    }

    static func decoder() -> OpenCodeSessionDecoder {
        var decoder = OpenCodeSessionDecoder(path: "/db")
        _ = decoder.decode(session: session)
        _ = decoder.decode(message: user)
        _ = decoder.decode(message: assistant)
        return decoder
    }

    static func toolPart(_ tool: String, status: String, input: [String: Any], extra: [String: Any] = [:]) -> [String: Any] {
        var state: [String: Any] = ["status": status, "input": input, "time": ["start": 1_300, "end": 1_400]]
        state.merge(extra) { $1 }
        return ["id": "prt_t", "messageID": "msg_2", "sessionID": "ses_1", "type": "tool", "tool": tool,
                "callID": "call_1", "state": state]
    }

    @Test("a permission rejection, with and without the user's feedback")
    func rejections() {
        var decoder = Self.decoder()
        let plain = Self.toolPart("edit", status: "error", input: [:], extra: [
            "error": "Error: The user rejected permission to use this specific tool call.",
        ])
        #expect(decoder.decode(part: plain).map(\.kind) == [.toolRejected(toolCallID: "call_1", userReason: nil)])
        var withFeedback = Self.toolPart("bash", status: "error", input: [:], extra: [
            "error": "The user rejected permission to use this specific tool call with the following feedback: use pnpm",
        ])
        withFeedback["id"] = "prt_u"
        withFeedback["callID"] = "call_2"
        #expect(decoder.decode(part: withFeedback).map(\.kind) == [.toolRejected(toolCallID: "call_2", userReason: "use pnpm")])
        // Aborted tools are not rejections.
        var aborted = Self.toolPart("bash", status: "error", input: [:], extra: ["error": "Tool execution aborted"])
        aborted["id"] = "prt_v"
        #expect(decoder.decode(part: aborted).isEmpty)
    }

    @Test("a tool part updated from running to completed yields its edit once")
    func runningThenCompleted() {
        var decoder = Self.decoder()
        let input: [String: Any] = ["filePath": "/repo/a.txt", "oldString": "a", "newString": "b"]
        #expect(decoder.decode(part: Self.toolPart("edit", status: "pending", input: [:])).isEmpty)
        #expect(decoder.decode(part: Self.toolPart("edit", status: "running", input: input)).isEmpty)
        let completed = Self.toolPart("edit", status: "completed", input: input, extra: [
            "metadata": ["filediff": ["file": "/repo/a.txt", "before": "a\nx\n", "after": "b\nx\n"]],
        ])
        let events = decoder.decode(part: completed)
        #expect(decoder.decode(part: completed).isEmpty)
        guard case .agentEdited(let edit) = events.first?.kind, events.count == 1 else {
            Issue.record("expected one edit, got \(events)"); return
        }
        #expect(edit.file == "/repo/a.txt" && edit.before == "a\nx\n" && edit.after == "b\nx\n" && edit.tool == "edit")
        #expect(edit.hunks.flatMap(\.addedLineNumbers) == [1])
        #expect(events.first?.position.recordID == "msg_2")
    }

    @Test("write: a new file counts every line as written")
    func write() {
        var decoder = Self.decoder()
        let part = Self.toolPart("write", status: "completed", input: ["filePath": "/repo/n.txt", "content": "1\n2\n"],
                                 extra: ["metadata": ["filepath": "/repo/n.txt", "exists": false]])
        guard case .agentEdited(let edit) = decoder.decode(part: part).first?.kind else {
            Issue.record("no edit"); return
        }
        #expect(edit.before == nil && edit.after == "1\n2\n" && edit.hunks.flatMap(\.addedLineNumbers) == [1, 2])
    }

    @Test("older patch tool: files and hunks from the unified diff")
    func patchFromDiff() {
        var decoder = Self.decoder()
        let diff = """
            Index: /repo/a.txt
            ===================================================================
            --- /repo/a.txt
            +++ /repo/a.txt
            @@ -1,2 +1,2 @@
            -old
            +new
             same
            Index: /repo/b.txt
            ===================================================================
            --- /repo/b.txt
            +++ /repo/b.txt
            @@ -0,0 +1,1 @@
            +added
            """
        let part = Self.toolPart("patch", status: "completed", input: [:], extra: ["metadata": ["diff": diff]])
        let edits = decoder.decode(part: part).compactMap { if case .agentEdited(let e) = $0.kind { e } else { nil } }
        #expect(edits.map(\.file) == ["/repo/a.txt", "/repo/b.txt"])
        #expect(edits.map { $0.hunks.flatMap(\.addedLineNumbers) } == [[1], [1]])
        #expect(edits.last?.hunks.first?.oldStart == 1)
    }

    @Test("user text: typed parts only; assistant text once it is finished")
    func texts() {
        var decoder = Self.decoder()
        let typed: [String: Any] = ["id": "prt_a", "messageID": "msg_1", "type": "text", "text": "no, use tabs"]
        let synthetic: [String: Any] = ["id": "prt_b", "messageID": "msg_1", "type": "text", "text": "Called the Read tool", "synthetic": true]
        #expect(decoder.decode(part: typed).map(\.kind) == [.userMessage("no, use tabs")])
        #expect(decoder.decode(part: synthetic).isEmpty)
        var streaming: [String: Any] = ["id": "prt_c", "messageID": "msg_2", "type": "text", "text": "Done", "time": ["start": 1]]
        #expect(decoder.decode(part: streaming).isEmpty)
        streaming["text"] = "Done, added tests."
        streaming["time"] = ["start": 1, "end": 2]
        #expect(decoder.decode(part: streaming).map(\.kind) == [.agentMessage("Done, added tests.")])
        #expect(decoder.decode(part: streaming).isEmpty)
        // A part left unfinished by an aborted turn counts when its message ends.
        let cut: [String: Any] = ["id": "prt_d", "messageID": "msg_2", "type": "text", "text": "I will now", "time": ["start": 3]]
        #expect(decoder.decode(part: cut).isEmpty)
        var ended = Self.assistant
        ended["error"] = ["name": "MessageAbortedError"]
        #expect(decoder.decode(message: ended).map(\.kind) == [.agentMessage("I will now"), .interrupted])
    }

    @Test("abort, custom agent, subtask command, child session")
    func attributionAndAbort() {
        var decoder = Self.decoder()
        let aborted: [String: Any] = ["id": "msg_3", "role": "assistant", "agent": "reviewer",
                                      "error": ["name": "MessageAbortedError", "data": ["message": "aborted"]]]
        #expect(decoder.decode(message: aborted).map(\.kind) == [
            .primaryAgent(ArtifactRef(kind: .agent, name: "reviewer")), .interrupted,
        ])
        #expect(decoder.decode(message: aborted).isEmpty)
        let subtask: [String: Any] = ["id": "prt_s", "messageID": "msg_1", "type": "subtask", "command": "review", "agent": "general"]
        #expect(decoder.decode(part: subtask).map(\.kind) == [.artifactActivated(ArtifactRef(kind: .command, name: "review"))])

        var child = OpenCodeSessionDecoder(path: "/db")
        let start = child.decode(session: ["id": "ses_child", "parentID": "ses_1", "directory": "/repo"])
        #expect(start.first?.sessionID == "ses_1" && start.first?.agentID == "ses_child")
    }

    @Test("/undo: session.revert becomes rolledBack once, counting user turns")
    func revert() {
        var decoder = Self.decoder()
        _ = decoder.decode(message: ["id": "msg_4", "role": "user"])
        var session = Self.session
        session["revert"] = ["messageID": "msg_1", "snapshot": "abc"]
        #expect(decoder.decodeRevert(session: session).map(\.kind) == [.rolledBack(turns: 2)])
        #expect(decoder.decodeRevert(session: session).isEmpty)
        #expect(decoder.decodeRevert(session: Self.session).isEmpty)
    }
}

/// Hunks from stored diffs where a changed line itself looks like a diff header.
struct OpenCodeDiffEdgeTests {
    @Test("a removed line starting with \"--- \" stays inside its hunk; deletions sit before the next line")
    func headerLikeLines() {
        var decoder = OpenCodeDecoderTests.decoder()
        let diff = """
            --- /repo/notes.md
            +++ /repo/notes.md
            @@ -1,3 +1,2 @@
             title
            --- separator
            +++ plus
            -gone
            @@ -9,1 +8,0 @@
            -tail
            """
        let part = OpenCodeDecoderTests.toolPart("patch", status: "completed", input: [:], extra: ["metadata": ["diff": diff]])
        let edits = decoder.decode(part: part).compactMap { if case .agentEdited(let e) = $0.kind { e } else { nil } }
        #expect(edits.map(\.file) == ["/repo/notes.md"])
        #expect(edits.first?.hunks.count == 2)
        #expect(edits.first?.hunks.first?.lines == [" title", "--- separator", "+++ plus", "-gone"])
        #expect(edits.first?.hunks.last?.newStart == 9)
    }
}
