import Foundation
import LoopCore
import LoopHarness
import LoopTestSupport
import Testing

/// Targeted decoder behaviour on hand-written lines in the 2.1.x shape.
struct ClaudeCodeDecoderTests {
    static let envelope = #""sessionId":"s1","cwd":"/repo","gitBranch":"main","version":"2.1.39","timestamp":"2026-02-12T16:02:48.183Z""#

    static func user(_ content: String, uuid: String = "u", extra: String = "") -> String {
        #"{"type":"user",\#(envelope),"uuid":"\#(uuid)"\#(extra),"message":{"role":"user","content":\#(content)}}"#
    }

    static func assistant(id: String, block: String) -> String {
        #"{"type":"assistant",\#(envelope),"uuid":"a-\#(id)","message":{"id":"\#(id)","role":"assistant","model":"m","content":[\#(block)]}}"#
    }

    static func toolUse(_ id: String, _ name: String, _ input: String) -> String {
        assistant(id: "msg_\(id)", block: #"{"type":"tool_use","id":"\#(id)","name":"\#(name)","input":\#(input)}"#)
    }

    static func toolResult(_ id: String, content: String, isError: Bool = false, toolUseResult: String) -> String {
        user(#"[{"type":"tool_result","tool_use_id":"\#(id)","content":\#(content),"is_error":\#(isError)}]"#,
             extra: #","toolUseResult":\#(toolUseResult)"#)
    }

    /// Feeds lines (as bytes) to one decoder, like a tailer would.
    static func decode(_ lines: [Data], path: String = "/p/projects/-repo/s1.jsonl")
        -> (events: [NormalizedEvent], issues: [DecodeIssue])
    {
        var decoder = ClaudeCodeDecoder(path: path)
        var events: [NormalizedEvent] = []
        var offset: Int64 = 0
        for (index, line) in lines.enumerated() {
            events += decoder.decode(line: line, lineNumber: index + 1, byteOffset: offset)
            offset += Int64(line.count + 1)
        }
        events += decoder.finish()
        return (events, decoder.issues)
    }

    static func decode(_ lines: [String]) -> (events: [NormalizedEvent], issues: [DecodeIssue]) {
        decode(lines.map { Data($0.utf8) })
    }

    @Test("bad lines are reported and later lines still decoded")
    func badLines() {
        let lines = [
            Data("not json at all".utf8),
            Data(#"{"type":"user","message":{"content":"trunc"#.utf8),
            Data([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x7D]),
            Data("[1,2]".utf8),
            Data(Self.user(#""hello there""#).utf8),
        ]
        let (events, issues) = Self.decode(lines)
        let lastOffset = Int64(lines.dropLast().map { $0.count + 1 }.reduce(0, +))
        #expect(issues.map(\.line) == [1, 2, 3, 4])
        #expect(issues[2].message.contains("UTF-8"))
        #expect(EventCounts(events).userMessages == 1)
        #expect(EventCounts(events).sessionStarts == 1)
        #expect(events.last?.position == TranscriptPosition(
            path: "/p/projects/-repo/s1.jsonl", line: 5, byteOffset: lastOffset, recordID: "u"))
    }

    @Test("lines of types the decoder does not read still announce and switch sessions")
    func unreadTypesStillCarrySessions() {
        let progress = { (session: String, cwd: String) in
            #"{"type":"progress","sessionId":"\#(session)","cwd":"\#(cwd)","timestamp":"2026-02-12T16:02:49.000Z","data":{"type":"user"}}"#
        }
        let (events, issues) = Self.decode([
            Self.user(#""first""#),           // announces s1
            progress("s1", "/repo"),           // nothing new: skipped
            progress("s2", "/other"),          // a new session: announced although a progress line
            #"{"type":"summary","summary":"x"}"#,  // no session id: nothing
            Self.user(#""second""#),          // s1 again
        ])
        #expect(issues.isEmpty)
        let starts = events.compactMap { event -> String? in
            if case .sessionStarted(let info) = event.kind { return "\(event.sessionID) \(info.cwd)" }
            return nil
        }
        #expect(starts == ["s1 /repo", "s2 /other"])
        #expect(events.filter { if case .userMessage = $0.kind { true } else { false } }.map(\.sessionID) == ["s1", "s1"])
    }

    @Test("an assistant message split over lines yields each text block once")
    func splitAssistantMessage() {
        let first = Self.assistant(id: "msg_1", block: #"{"type":"text","text":"Looking."}"#)
        let (events, _) = Self.decode([
            first,
            Self.assistant(id: "msg_1", block: #"{"type":"thinking","thinking":"hm"}"#),
            first,  // the same block written again (resume) is not a second message
            Self.assistant(id: "msg_1", block: #"{"type":"text","text":"Added tests."}"#),
        ])
        let texts = events.compactMap { if case .agentMessage(let text) = $0.kind { text } else { nil } }
        #expect(texts == ["Looking.", "Added tests."])
    }

    @Test("a rejection carries the reason the user typed")
    func rejectionWithReason() {
        let text = "The user doesn't want to proceed with this tool use. The tool use was rejected (eg. if it was a file edit, the new_string was NOT written to the file). To tell you how to proceed, the user said:\nuse the template instead"
        let (events, _) = Self.decode([
            Self.toolUse("t1", "Edit", #"{"file_path":"/repo/a.md","old_string":"x","new_string":"y"}"#),
            Self.toolResult("t1", content: try! String(data: JSONEncoder().encode(text), encoding: .utf8)!,
                            isError: true, toolUseResult: #""User rejected tool use""#),
            Self.user(#"[{"type":"text","text":"[Request interrupted by user for tool use]"}]"#),
        ])
        let kinds = events.map(\.kind).filter { if case .sessionStarted = $0 { false } else { true } }
        #expect(kinds == [.toolRejected(toolCallID: "t1", userReason: "use the template instead"), .interrupted])
    }

    @Test("Write of a new file: no original, hunks computed from empty")
    func writeCreate() throws {
        let (events, _) = Self.decode([
            Self.toolUse("w1", "Write", #"{"file_path":"/repo/new.md","content":"a\nb\n"}"#),
            Self.toolResult("w1", content: #""File created successfully at: /repo/new.md""#,
                            toolUseResult: #"{"type":"create","filePath":"/repo/new.md","content":"a\nb\n","structuredPatch":[],"originalFile":null}"#),
        ])
        let edit = try #require(events.compactMap { if case .agentEdited(let e) = $0.kind { e } else { nil } }.first)
        #expect(edit == AgentEdit(
            file: "/repo/new.md", before: nil, after: "a\nb\n",
            hunks: [EditHunk(oldStart: 1, oldLines: 0, newStart: 1, newLines: 2, lines: ["+a", "+b"])],
            toolCallID: "w1", tool: "Write"))
    }

    @Test("Edit without structuredPatch: after rebuilt, hunks computed; failed edits ignored")
    func editWithoutStructuredPatch() throws {
        let (events, _) = Self.decode([
            Self.toolUse("e1", "Edit", #"{"file_path":"/repo/a.txt","old_string":"two","new_string":"2"}"#),
            Self.toolResult("e1", content: #""ok""#,
                            toolUseResult: #"{"filePath":"/repo/a.txt","oldString":"two","newString":"2","originalFile":"one\ntwo\nthree\n"}"#),
            Self.toolUse("e2", "Edit", #"{"file_path":"/repo/a.txt","old_string":"zz","new_string":"2"}"#),
            Self.toolResult("e2", content: #""<tool_use_error>String to replace not found</tool_use_error>""#,
                            isError: true, toolUseResult: #""Error: String to replace not found in file.""#),
        ])
        let edits = events.compactMap { if case .agentEdited(let e) = $0.kind { e } else { nil } }
        #expect(edits.count == 1)
        #expect(edits.first?.after == "one\n2\nthree\n")
        #expect(edits.first?.hunks == [EditHunk(
            oldStart: 1, oldLines: 3, newStart: 1, newLines: 3, lines: [" one", "-two", "+2", " three"])])
    }

    @Test("MultiEdit applies its edits in order")
    func multiEdit() throws {
        let (events, _) = Self.decode([
            Self.toolUse("m1", "MultiEdit", #"{"file_path":"/f","edits":[{"old_string":"a","new_string":"b"},{"old_string":"b","new_string":"c","replace_all":true}]}"#),
            Self.toolResult("m1", content: #""ok""#,
                            toolUseResult: #"{"filePath":"/f","edits":[{"old_string":"a","new_string":"b"},{"old_string":"b","new_string":"c","replace_all":true}],"originalFile":"a\nb\n"}"#),
        ])
        let edit = try #require(events.compactMap { if case .agentEdited(let e) = $0.kind { e } else { nil } }.first)
        #expect(edit.after == "c\nc\n")
    }

    @Test("skills, custom commands and subagents are activations; built-ins are not")
    func activations() {
        let (events, _) = Self.decode([
            Self.user(#""<command-name>/clear</command-name>\n<command-message>clear</command-message>\n<command-args></command-args>""#),
            Self.user(#""<command-message>prd-writer</command-message>\n<command-name>/prd-writer</command-name>\n<command-args>x</command-args>""#),
            Self.user(#""expanded body""#, extra: #","isMeta":true"#),
            Self.toolUse("s1", "Skill", #"{"skill":"docs:style"}"#),
            Self.toolResult("s1", content: #""Launching skill: docs:style""#, toolUseResult: #"{"success":true,"commandName":"docs:style"}"#),
            Self.user(#"[{"type":"text","text":"Base directory for this skill: /home/u/.claude/skills/style\n\n# Style"}]"#,
                      extra: #","isMeta":true,"sourceToolUseID":"s1""#),
            Self.toolUse("k1", "Agent", #"{"subagent_type":"reviewer","prompt":"p"}"#),
        ])
        let refs = events.compactMap { if case .artifactActivated(let ref) = $0.kind { ref } else { nil } }
        #expect(refs == [
            ArtifactRef(kind: .command, name: "prd-writer"),
            ArtifactRef(kind: .skill, name: "docs:style", sourcePath: "/home/u/.claude/skills/style"),
            ArtifactRef(kind: .agent, name: "reviewer"),
        ])
        #expect(EventCounts(events).userMessages == 0)
    }

    @Test("a skill without a base-directory line is still activated")
    func skillWithoutBody() {
        let (events, _) = Self.decode([
            Self.toolUse("s1", "Skill", #"{"skill":"x"}"#),
            Self.toolResult("s1", content: #""Launching skill: x""#, toolUseResult: #"{"success":true}"#),
        ])
        #expect(EventCounts(events).artifacts[.skill] == 1)
    }

    @Test("injected user text is not a user message; edited_text_file attachments are user edits")
    func injectedTextAndAttachments() {
        let (events, _) = Self.decode([
            Self.user(#""<local-command-stdout>ok</local-command-stdout>""#),
            Self.user(#""<task-notification>\n<task-id>1</task-id>""#),
            Self.user(#""This session is being continued""#, extra: #","isCompactSummary":true"#),
            Self.user(#""[Request interrupted by user]""#),
            #"{"type":"attachment",\#(Self.envelope),"attachment":{"type":"edited_text_file","filename":"/repo/a.md","snippet":"1→x"}}"#,
            #"{"type":"some-future-type",\#(Self.envelope),"x":1}"#,
        ])
        let kinds = events.map(\.kind).filter { if case .sessionStarted = $0 { false } else { true } }
        #expect(kinds == [.interrupted, .userEditedFile(file: "/repo/a.md", snippet: "1→x")])
    }

    @Test("decodeFile decodes a last line without newline, with exact offsets")
    func wholeFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.url.appendingPathComponent("s1.jsonl").path
        let first = Self.user(#""one""#, uuid: "1"), second = Self.user(#""two""#, uuid: "2")
        try Data((first + "\n\n" + second).utf8).write(to: URL(fileURLWithPath: path))
        let (events, issues) = try ClaudeCodeDecoder.decodeFile(at: path)
        #expect(issues.isEmpty)
        let positions = events.filter { if case .userMessage = $0.kind { true } else { false } }.map(\.position)
        #expect(positions == [
            TranscriptPosition(path: path, line: 1, byteOffset: 0, recordID: "1"),
            TranscriptPosition(path: path, line: 3, byteOffset: Int64(first.utf8.count + 2), recordID: "2"),
        ])
    }
}
