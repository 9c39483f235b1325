import Foundation
import LoopCore
import LoopHarness
import LoopTestSupport
import Testing

/// Decodes every Codex fixture rollout (including individual/) and checks the
/// event counts. The expected numbers were established independently with jq
/// (`jq -s` over each file):
/// - starts: lines with `type == "session_meta"`.
/// - user: `event_msg` with `payload.type == "user_message"` and `kind` absent
///   or `"plain"` (every one in these files has a typed request after the IDE
///   "## My request for Codex:" marker, or no IDE prefix at all).
/// - agent: `event_msg` `agent_message` (assistant `response_item` messages
///   duplicate them and are not counted).
/// - interrupts: `event_msg` `turn_aborted` with `reason == "interrupted"`.
/// - rollbacks: `payload.type == "thread_rolled_back"` (none in the fixtures).
/// - edits: response items named `apply_patch` or whose arguments mention
///   apply_patch: only the synthetic 2026 file's custom_tool_call adding
///   gamma.txt (output "Done!", no failure) — the 2025 sessions ran read-only.
/// - rejections: outputs containing "rejected by user" (none).
/// - artifacts: user messages matching `(^|\s)\$[a-z]` or starting with "/"
///   (after the IDE marker), "SKILL.md", "AGENTS.md", `user_instructions`,
///   non-null `session_meta.instructions`: none.
struct CodexFixtureTests {
    struct Expected: Sendable, CustomTestStringConvertible {
        var file: String
        var starts = 0, edits = 0, user = 0, agent = 0
        var rejections = 0, interrupts = 0, rollbacks = 0, artifacts = 0
        var testDescription: String { file }
    }

    static let codex = Fixtures.transcripts.appendingPathComponent("codex")

    static let expectations: [Expected] = [
        .init(file: "agentcmd__rollout-2025-09-24T20-12-23-01997ea4-a70d-7da3-8c20-c736db82a7c5.jsonl",
              starts: 1, user: 2, agent: 2),
        .init(file: "agentcmd__rollout-2025-09-25T08-02-05-0199812e-64f0-7f73-91fc-095dda01c36e.jsonl",
              starts: 1, user: 2, agent: 1),
        .init(file: "agentcmd__rollout-2025-09-25T09-49-46-01998190-fba6-7f40-9309-dc4e48c5844a.jsonl",
              starts: 1, user: 1, agent: 1),
        .init(file: "agentcmd__rollout-2025-09-25T15-12-14-019982b8-3422-79e0-8b3b-05abaf4f3c3e.jsonl",
              starts: 1, user: 1, agent: 1),
        .init(file: "claude-code-log__synthetic__rollout-2026-01-02T03-04-05-11111111-1111-4111-8111-111111111111.jsonl",
              starts: 1, edits: 1, user: 1, agent: 1),
        .init(file: "individual/agentcmd__event-agent-message.jsonl", agent: 1),
        .init(file: "individual/agentcmd__event-token-count.jsonl"),
        .init(file: "individual/agentcmd__event-turn-aborted.jsonl", interrupts: 1),
        .init(file: "individual/agentcmd__event-user-message.jsonl", user: 1),
        .init(file: "individual/agentcmd__function-output-error.jsonl"),
        .init(file: "individual/agentcmd__function-shell-bash.jsonl"),
        .init(file: "individual/agentcmd__function-update_plan.jsonl"),
        .init(file: "individual/agentcmd__response-message-user.jsonl"),
        .init(file: "individual/agentcmd__response-reasoning.jsonl"),
        .init(file: "individual/agentcmd__session-meta.jsonl", starts: 1),
        .init(file: "individual/agentcmd__turn-context.jsonl"),
    ]

    @Test("every fixture rollout is covered")
    func everyFixtureIsListed() throws {
        let top = try FileManager.default.contentsOfDirectory(atPath: Self.codex.path).filter { $0.hasSuffix(".jsonl") }
        let individual = try FileManager.default.contentsOfDirectory(
            atPath: Self.codex.appendingPathComponent("individual").path
        ).filter { $0.hasSuffix(".jsonl") }.map { "individual/" + $0 }
        #expect(Set(top + individual) == Set(Self.expectations.map(\.file)))
    }

    @Test("fixture counts", arguments: expectations)
    func counts(_ expected: Expected) throws {
        let path = Self.codex.appendingPathComponent(expected.file).path
        let (events, issues) = try CodexDecoder.decodeFile(at: path)
        #expect(issues.isEmpty, "\(issues)")
        let tally = EventCounts(events)
        #expect(tally.sessionStarts == expected.starts)
        #expect(tally.edits == expected.edits)
        #expect(tally.userMessages == expected.user)
        #expect(tally.agentMessages == expected.agent)
        #expect(tally.rejections == expected.rejections)
        #expect(tally.interrupts == expected.interrupts)
        #expect(tally.rollbacks == expected.rollbacks)
        #expect(tally.artifacts.values.reduce(0, +) == expected.artifacts)
        #expect(events.allSatisfy { $0.harness == .codex && $0.position.path == path })
    }

    @Test("session start carries id, cwd, branch and version; events use that id")
    func sessionInfo() throws {
        let path = Self.codex.appendingPathComponent(Self.expectations[0].file).path
        let (events, _) = try CodexDecoder.decodeFile(at: path)
        guard case .sessionStarted(let info) = events.first?.kind else {
            Issue.record("first event is not sessionStarted"); return
        }
        #expect(info == SessionInfo(cwd: "/Users/jnarowski/Dev/spectora/src/spectora-labs-monorepo-v2",
                                    gitBranch: "feat/dashboard-refactor", harnessVersion: "0.40.0"))
        #expect(events.allSatisfy { $0.sessionID == "01997ea4-a70d-7da3-8c20-c736db82a7c5" })
        #expect(events.allSatisfy { $0.timestamp != nil })
    }

    @Test("IDE context is stripped from real user messages")
    func ideContextStripped() throws {
        let path = Self.codex.appendingPathComponent("individual/agentcmd__event-user-message.jsonl").path
        let (events, _) = try CodexDecoder.decodeFile(at: path)
        guard case .userMessage(let text) = events.first?.kind else { Issue.record("no user message"); return }
        #expect(text.hasPrefix("Updating a team to assign a lead"))
        #expect(!text.contains("Open tabs"))
    }

    @Test("the synthetic 2026 rollout's freeform apply_patch adds gamma.txt")
    func syntheticFreeformPatch() throws {
        let path = Self.codex.appendingPathComponent(Self.expectations[4].file).path
        let (events, _) = try CodexDecoder.decodeFile(at: path)
        let edits = events.compactMap { if case .agentEdited(let edit) = $0.kind { edit } else { nil } }
        #expect(edits == [AgentEdit(
            file: "/workspace/synthetic-project/gamma.txt", before: nil, after: "synthetic\n",
            hunks: [EditHunk(oldStart: 0, oldLines: 0, newStart: 1, newLines: 1, lines: ["+synthetic"])],
            toolCallID: "call-custom-001", tool: "apply_patch")])
        #expect(events.first { if case .agentEdited = $0.kind { true } else { false } }?.position.recordID == "call-custom-001")
    }
}
