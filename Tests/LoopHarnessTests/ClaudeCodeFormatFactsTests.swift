import Foundation
import LoopCore
import LoopHarness
import Testing

/// Claude Code 2.1.x fields that say who did what: `toolDenialKind`,
/// `promptSource`/`origin`, retractions, `attribution*`, and the Agent tool.
/// Lines are in the shape 2.1.x writes (field names and values as found in
/// public transcripts and parsers; see docs/harness-claude-code.md).
struct ClaudeCodeFormatFactsTests {
    typealias Lines = ClaudeCodeDecoderTests

    static func kinds(_ lines: [String]) -> [NormalizedEvent.Kind] {
        Lines.decode(lines).events.map(\.kind).filter { if case .sessionStarted = $0 { false } else { true } }
    }

    static func jsonString(_ text: String) -> String {
        String(data: try! JSONEncoder().encode(text), encoding: .utf8)!
    }

    static func denied(_ id: String, kind: String, text: String) -> String {
        Lines.user(
            #"[{"type":"tool_result","tool_use_id":"\#(id)","content":\#(jsonString(text)),"is_error":true}]"#,
            uuid: "r-\(id)", extra: #","toolUseResult":"Error: \#(text.prefix(20))","toolDenialKind":"\#(kind)""#)
    }

    @Test("rule and auto-mode denials are no rejection; user-rejected is one only with the person's sentence")
    func denialKinds() {
        let userText = "The user doesn't want to proceed with this tool use. The tool use was rejected (eg. if it was a file edit, the new_string was NOT written to the file). To tell you how to proceed, the user said:\nkeep the old heading"
        let kinds = Self.kinds([
            Lines.toolUse("t1", "Write", #"{"file_path":"/repo/secrets/a","content":"x"}"#),
            Self.denied("t1", kind: "permission-rule", text: "Permission to use Write has been denied because of a permission rule."),
            Lines.toolUse("t2", "Bash", #"{"command":"rm -rf build"}"#),
            Self.denied("t2", kind: "automode-blocked", text: "Permission for this action was denied by the Claude Code auto mode classifier. Reason: destructive."),
            Lines.toolUse("t3", "Bash", #"{"command":"ls"}"#),
            Self.denied("t3", kind: "automode-unavailable", text: "The user doesn't want to proceed with this tool use."),
            // What 2.1.327 `-p` writes when it cannot ask: marked user-rejected, nobody was asked.
            Lines.toolUse("t5", "Write", #"{"file_path":"/home/u/notes/where.md","content":"x"}"#),
            Self.denied("t5", kind: "user-rejected", text: "Claude requested permissions to write to /home/u/notes/where.md, but you haven't granted it yet."),
            Lines.toolUse("t4", "Edit", #"{"file_path":"/repo/a.md","old_string":"x","new_string":"y"}"#),
            Self.denied("t4", kind: "user-rejected", text: userText),
        ])
        #expect(kinds == [.toolRejected(toolCallID: "t4", userReason: "keep the old heading")])
    }

    @Test("prompts Claude Code injects (promptSource system, a non-human origin) are not typed text")
    func injectedPrompts() {
        let kinds = Self.kinds([
            Lines.user(#""<task-notification><task-id>b1</task-id><status>completed</status></task-notification>""#,
                       uuid: "n1", extra: #","promptSource":"system","origin":{"kind":"task-notification"}"#),
            Lines.user(#""Another Claude session sent a message: the schema is free again""#,
                       uuid: "n2", extra: #","isMeta":true,"promptSource":"system","origin":{"kind":"peer","name":"other"}"#),
            Lines.user(#""Please review the plan""#, uuid: "n3", extra: #","origin":{"kind":"coordinator"}"#),
            Lines.user(#"[{"type":"text","text":"run the migration"}]"#, uuid: "n4", extra: #","promptSource":"system""#),
            Lines.user(#""no, use the v2 template""#, uuid: "p1", extra: #","promptSource":"typed","origin":{"kind":"human"}"#),
            Lines.user(#""and keep it short""#, uuid: "p2", extra: #","promptSource":"queued""#),
            Lines.user(#""from the script""#, uuid: "p3", extra: #","promptSource":"sdk""#),
        ])
        #expect(kinds == [.userMessage("no, use the v2 template"), .userMessage("and keep it short"), .userMessage("from the script")])
    }

    @Test("a refused leg and the records a later line retracts yield nothing")
    func retractedRecords() {
        let refused = #"{"type":"assistant",\#(Lines.envelope),"uuid":"a-refused","message":{"id":"msg_r","role":"assistant","model":"m","stop_reason":"refusal","content":[{"type":"text","text":"I will not"}]}}"#
        let retry = #"{"type":"assistant",\#(Lines.envelope),"uuid":"a-retry","supersedesUuids":["a-partial"],"message":{"id":"msg_f","role":"assistant","model":"fallback","content":[{"type":"text","text":"Here is the fix."}]}}"#
        let notice = #"{"type":"system","subtype":"model_refusal_fallback",\#(Lines.envelope),"uuid":"s1","level":"warning","trigger":"refusal","direction":"retry","originalModel":"m","fallbackModel":"fallback","retractedMessageUuids":["a-partial2"]}"#
        let partial = { (uuid: String) in
            #"{"type":"assistant",\#(Lines.envelope),"uuid":"\#(uuid)","message":{"id":"msg_\#(uuid)","role":"assistant","model":"m","content":[{"type":"text","text":"Partial \#(uuid)"}]}}"#
        }
        let kinds = Self.kinds([refused, retry, notice, partial("a-partial"), partial("a-partial2"), partial("a-kept")])
        #expect(kinds == [.agentMessage("Here is the fix."), .agentMessage("Partial a-kept")])
    }

    static func attributed(_ field: String, _ name: String, id: String, text: String) -> String {
        #"{"type":"assistant",\#(Lines.envelope),"uuid":"a-\#(id)","\#(field)":"\#(name)","message":{"id":"\#(id)","role":"assistant","model":"m","content":[{"type":"text","text":"\#(text)"}]}}"#
    }

    @Test("attributionSkill and attributionAgent name what is in force, once per change")
    func attribution() {
        let kinds = Self.kinds([
            Self.attributed("attributionSkill", "superpowers:brainstorming", id: "m1", text: "Idea one."),
            Self.attributed("attributionSkill", "superpowers:brainstorming", id: "m2", text: "Idea two."),
            Lines.user(#""now the changelog""#, uuid: "u2"),
            Self.attributed("attributionSkill", "superpowers:brainstorming", id: "m3", text: "Again."),
            Self.attributed("attributionAgent", "reviewer", id: "m4", text: "Reviewed."),
            Self.attributed("attributionPlugin", "superpowers", id: "m5", text: "Plugin only."),
        ])
        let skill = ArtifactRef(kind: .skill, name: "superpowers:brainstorming")
        #expect(kinds == [
            .artifactActivated(skill), .agentMessage("Idea one."), .agentMessage("Idea two."),
            .userMessage("now the changelog"),
            .artifactActivated(skill), .agentMessage("Again."),
            .primaryAgent(ArtifactRef(kind: .agent, name: "reviewer")), .agentMessage("Reviewed."),
            .agentMessage("Plugin only."),
        ])
    }

    @Test("after a Skill call the stamps on its output repeat nothing (2.1.327: Skill, base directory, stamped Write)")
    func attributionAfterSkillCall() {
        let kinds = Self.kinds([
            Lines.toolUse("s1", "Skill", #"{"skill":"token-keeper"}"#),
            Lines.toolResult("s1", content: #""Launching skill: token-keeper""#,
                             toolUseResult: #"{"success":true,"commandName":"token-keeper"}"#),
            Lines.user(#"[{"type":"text","text":"Base directory for this skill: /h/.claude/skills/token-keeper\n\nKeep tokens in secrets/."}]"#,
                       uuid: "meta", extra: #","isMeta":true,"sourceToolUseID":"s1""#),
            Self.attributed("attributionSkill", "token-keeper", id: "m2", text: "I could not write either file."),
        ])
        #expect(kinds == [
            .artifactActivated(ArtifactRef(kind: .skill, name: "token-keeper", sourcePath: "/h/.claude/skills/token-keeper")),
            .agentMessage("I could not write either file."),
        ])
    }

    @Test("a subagent's attribution stamp adds nothing: its output is the subagent's")
    func attributionInSubagent() {
        let line = Self.attributed("attributionSkill", "Explore", id: "m1", text: "Found it.")
        let (events, _) = Lines.decode([Data(line.utf8)], path: "/p/projects/-repo/s1/subagents/agent-a1.jsonl")
        #expect(events.map(\.kind).filter { if case .sessionStarted = $0 { false } else { true } } == [.agentMessage("Found it.")])
    }

    @Test("Agent (2.1.63+) and Task (earlier) both start a subagent", arguments: ["Agent", "Task"])
    func subagentToolNames(tool: String) {
        let kinds = Self.kinds([
            Lines.toolUse("t1", tool, #"{"description":"write config","prompt":"write it","subagent_type":"config-writer"}"#),
        ])
        #expect(kinds == [.artifactActivated(ArtifactRef(kind: .agent, name: "config-writer"))])
    }
}
