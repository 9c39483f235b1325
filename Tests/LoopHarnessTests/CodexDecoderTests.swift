import Foundation
import LoopCore
import LoopHarness
import Testing

/// Messages, interrupts, rollbacks, rejections, attribution and bad input, on
/// hand-built lines in the fixture shapes.
struct CodexDecoderTests {
    typealias L = CodexTestLines

    @Test("bad lines are reported and later lines still decoded")
    func badLines() {
        let lines = [
            Data(L.meta.utf8),
            Data("not json at all".utf8),
            Data(#"{"timestamp":"2026-01-02T03:04:05Z","type":"event_msg","payload":{"type":"user_mes"#.utf8),
            Data([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x7D]),
            Data("[1,2]".utf8),
            Data(#"{"record_type":"state"}"#.utf8),
            Data(#"{"id":"old","timestamp":"2025-05-01T00:00:00Z","instructions":null}"#.utf8),
            Data(L.line("future_kind", ["x": 1]).utf8),
            Data("   ".utf8),
            Data(L.userMessage("still decoded").utf8),
        ]
        let (events, issues) = L.decode(lines)
        #expect(issues.map(\.line) == [2, 3, 4, 5])
        #expect(issues.allSatisfy { $0.path == L.path })
        #expect(L.kinds(events).last == .userMessage("still decoded"))
        #expect(events.last?.position.line == 10)
    }

    @Test("IDE-prefixed user message keeps only the request")
    func ideContext() {
        let text = "# Context from my IDE setup:\n\n## Active file: a.ts\n\n## Open tabs:\n- a.ts: a.ts\n\n## My request for Codex:\nno, use the other hook\n"
        let (events, _) = L.decode([L.meta, L.userMessage(text)])
        #expect(L.kinds(events).dropFirst() == [.userMessage("no, use the other hook")])
    }

    @Test("injected context is never a user message")
    func injectedContext() {
        let (events, _) = L.decode([
            L.meta,
            L.responseMessage(role: "user", "<environment_context>\n  <cwd>/repo</cwd>\n</environment_context>"),
            L.userMessage("<environment_context>\n  <cwd>/repo</cwd>\n</environment_context>", kind: nil),
            L.userMessage("<user_instructions>\nbe terse\n</user_instructions>", kind: "user_instructions"),
            L.userMessage("# Context from my IDE setup:\n\n## Open tabs:\n- a.ts: a.ts\n"),
            L.responseMessage(role: "user", "typed text seen only as a response item"),
            L.responseMessage(role: "assistant", "done"),
            L.event("agent_message", ["message": "done"]),
        ])
        #expect(L.kinds(events).filter { if case .userMessage = $0 { true } else { false } }.isEmpty)
        #expect(L.kinds(events).filter { if case .agentMessage = $0 { true } else { false } } == [.agentMessage("done")])
    }

    @Test("rejected exec command")
    func rejectedExec() {
        let (events, _) = L.decode([
            L.meta,
            L.functionCall("exec_command", ["cmd": "rm -rf build"], id: "e1"),
            L.functionOutput("exec command rejected by user", id: "e1"),
        ])
        #expect(L.kinds(events).dropFirst() == [.toolRejected(toolCallID: "e1", userReason: nil)])
        #expect(events.last?.position.recordID == "e1")
    }

    @Test("turn_aborted: only interrupted counts")
    func turnAborted() {
        let (events, _) = L.decode([
            L.meta,
            L.event("turn_aborted", ["reason": "interrupted"]),
            L.event("turn_aborted", ["reason": "replaced", "turn_id": "t2"]),
        ])
        #expect(L.kinds(events).dropFirst() == [.interrupted])
    }

    @Test("thread_rolled_back")
    func rolledBack() {
        let (events, _) = L.decode([L.meta, L.event("thread_rolled_back", ["num_turns": 2])])
        #expect(L.kinds(events).dropFirst() == [.rolledBack(turns: 2)])
    }

    @Test("custom prompts: /prompts:name always, bare /name only when known")
    func customPrompts() {
        let (events, _) = L.decode([
            L.meta,
            L.userMessage("/prompts:review-pr check the auth module"),
            L.userMessage("/deploy staging"),
            L.userMessage("/tmp is full again"),
        ], customPrompts: ["deploy"])
        #expect(L.artifacts(events) == [ArtifactRef(kind: .command, name: "review-pr"),
                                        ArtifactRef(kind: .command, name: "deploy")])
        #expect(L.kinds(events).contains(.userMessage("/tmp is full again")))
    }

    @Test("skills: $mention, injected <skill> block and SKILL.md reads, once per skill")
    func skills() {
        let (events, _) = L.decode([
            L.meta,
            L.userMessage("use $pdf-tools: fill the form, keep $HOME, $1 and a$b alone"),
            L.responseMessage(role: "user", "<skill>\n<name>pdf-tools</name>\n<path>/h/.codex/skills/pdf-tools/SKILL.md</path>\nbody\n</skill>"),
            L.responseMessage(role: "user", "<skill>\n<name>prd-writer</name>\n<path>/repo/.agents/skills/prd-writer/SKILL.md</path>\nbody\n</skill>"),
            L.functionCall("shell", ["command": ["bash", "-lc", "sed -n '1,200p' /h/.codex/skills/changelog/SKILL.md"]], id: "s1"),
            L.functionCall("shell", ["command": ["bash", "-lc", "cat /h/.codex/skills/changelog/SKILL.md"]], id: "s2"),
            L.functionCall("exec_command", ["cmd": "ls /h/.codex/skills/other/SKILL.md"], id: "s3"),
        ])
        #expect(L.artifacts(events) == [
            ArtifactRef(kind: .skill, name: "pdf-tools"),
            ArtifactRef(kind: .skill, name: "prd-writer", sourcePath: "/repo/.agents/skills/prd-writer/SKILL.md"),
            ArtifactRef(kind: .skill, name: "changelog", sourcePath: "/h/.codex/skills/changelog"),
        ])
    }

    @Test("AGENTS.md once per session, from injection or turn_context")
    func agentsInstructions() {
        let (events, _) = L.decode([
            L.meta,
            L.responseMessage(role: "user", "# AGENTS.md instructions for /repo\n\n<INSTRUCTIONS>\nUse tabs.\n</INSTRUCTIONS>"),
            L.turnContext(extra: ["user_instructions": "Use tabs."]),
            L.responseMessage(role: "user", "<user_instructions>\nUse tabs.\n</user_instructions>"),
        ])
        #expect(L.artifacts(events) == [ArtifactRef(kind: .instructions, name: "AGENTS.md", sourcePath: "/repo/AGENTS.md")])

        let (older, _) = L.decode([L.turnContext(extra: ["user_instructions": "Use tabs."])])
        #expect(L.artifacts(older) == [ArtifactRef(kind: .instructions, name: "AGENTS.md")])
    }

    @Test("session id from the file name until session_meta; positions and timestamps")
    func identityAndPositions() {
        let path = "/h/.codex/archived_sessions/rollout-2026-01-02T03-04-05-0199b111-2222-7333-8444-555566667777.jsonl"
        let lines = [L.userMessage("early"), L.meta, L.userMessage("late")]
        let (events, _) = L.decode(lines, path: path)
        #expect(events.map(\.sessionID) == ["0199b111-2222-7333-8444-555566667777", L.sessionID, L.sessionID])
        #expect(events.map(\.position.line) == [1, 2, 3])
        #expect(events[1].position.byteOffset == Int64(lines[0].utf8.count + 1))
        #expect(events[0].position.recordID == "1")
        #expect(events.allSatisfy { $0.timestamp == Date(timeIntervalSince1970: 1_767_323_045) })
        guard case .sessionStarted(let info) = events[1].kind else { Issue.record("no session start"); return }
        #expect(info == SessionInfo(cwd: "/repo", gitBranch: "main", harnessVersion: "0.104.0"))
    }
}
