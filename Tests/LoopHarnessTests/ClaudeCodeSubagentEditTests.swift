import Foundation
import LoopCore
import LoopHarness
import Testing

/// Claude Code 2.1.3xx writes a subagent's successful Write/Edit results
/// without `toolUseResult` (seen with the real 2.1.327 CLI in
/// RealHarnessClaudeCodeTests): the edit is rebuilt from the tool input.
struct ClaudeCodeSubagentEditTests {
    typealias Lines = ClaudeCodeDecoderTests

    static func resultWithoutToolUseResult(_ id: String, content: String, isError: Bool = false) -> String {
        Lines.user(#"[{"tool_use_id":"\#(id)","type":"tool_result","content":\#(content)\#(isError ? #","is_error":true"# : "")}]"#,
                   extra: #","isSidechain":true,"agentId":"a3b83dfca66f6a21e""#)
    }

    static func edits(_ events: [NormalizedEvent]) -> [AgentEdit] {
        events.compactMap { if case .agentEdited(let e) = $0.kind { e } else { nil } }
    }

    @Test("a Write result without toolUseResult: the input's content is the file")
    func write() throws {
        let (events, issues) = Lines.decode([
            Lines.toolUse("w1", "Write", #"{"file_path":"/repo/service.yml","content":"service: api\nreplicas: 1\n"}"#),
            Self.resultWithoutToolUseResult("w1", content: #""File created successfully at: /repo/service.yml (file state is current in your context — no need to Read it back)""#),
        ].map { Data($0.utf8) }, path: "/p/projects/-repo/s1/subagents/agent-a3b83dfca66f6a21e.jsonl")
        #expect(issues.isEmpty)
        let edit = try #require(Self.edits(events).first)
        #expect(edit == AgentEdit(
            file: "/repo/service.yml", before: nil, after: "service: api\nreplicas: 1\n",
            hunks: [EditHunk(oldStart: 1, oldLines: 0, newStart: 1, newLines: 2, lines: ["+service: api", "+replicas: 1"])],
            toolCallID: "w1", tool: "Write"))
    }

    @Test("an Edit result without toolUseResult: hunks at position 0 for the daemon to place; completed from disk")
    func edit() throws {
        let (events, _) = Lines.decode([
            Lines.toolUse("e1", "Edit", #"{"file_path":"/repo/a.txt","old_string":"two\n","new_string":"2\nzwei\n"}"#),
            Self.resultWithoutToolUseResult("e1", content: #""The file /repo/a.txt has been updated successfully.""#),
        ])
        let edit = try #require(Self.edits(events).first)
        #expect(edit.before == nil && edit.after == nil)
        #expect(edit.hunks == [EditHunk(oldStart: 0, oldLines: 1, newStart: 0, newLines: 2, lines: ["-two", "+2", "+zwei"])])
        let completed = EditCompletion.complete(edit, currentContent: "one\n2\nzwei\nthree\n")
        #expect(completed.before == "one\ntwo\nthree\n")
        #expect(completed.hunks.first?.addedLineNumbers == [2, 3])
    }

    @Test("failed or refused edits without toolUseResult stay no edit")
    func failures() {
        let (events, _) = Lines.decode([
            Lines.toolUse("w2", "Write", #"{"file_path":"/repo/secrets/t","content":"x\n"}"#),
            Self.resultWithoutToolUseResult("w2", content: #""<tool_use_error>File is in a directory that is denied by your permission settings.</tool_use_error>""#, isError: true),
        ])
        #expect(Self.edits(events).isEmpty)
    }
}
