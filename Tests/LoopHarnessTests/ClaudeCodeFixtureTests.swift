import Foundation
import LoopCore
import LoopHarness
import LoopTestSupport
import Testing

/// Decodes every Claude Code fixture transcript and checks the event counts.
///
/// The expected numbers were established independently with jq over the files:
/// - edits: `tool_result` blocks whose `tool_use_id` belongs to an Edit/Write/
///   MultiEdit/NotebookEdit `tool_use`, with `is_error` not true and an object
///   `toolUseResult` (the 13 "File has not been read yet" errors in fe5e1c67 and
///   the permission error in 1af7fc5e are excluded).
/// - user: `type == "user"`, not isMeta / isCompactSummary / isSidechain, no
///   `tool_result` block, text not starting with `<command-`, `<local-command-`,
///   `<task-notification>`, `Caveat:`, `<system-reminder>`, `<bash-` or
///   `[Request interrupted`, not blank (one per line).
/// - rejections: results containing "The user doesn't want to proceed with this tool use".
/// - interrupts: user *text blocks* equal to `[Request interrupted by user]` or
///   `... for tool use]` (8463c716 mentions the marker only inside Read results of
///   other fixtures, so 0 there, although SOURCES.md says 2).
/// - commands: `<command-name>` in user string content minus built-ins: only
///   `/orchestrator` in fe5e1c67 (`/init`, `/clear`, `/mcp`, `/model` are built-in;
///   the `/handgemacht:create-beads` hits in 8463c716 are inside tool output).
/// - skills: the only Skill tool use (8463c716, `handgemacht:commit`) failed
///   (`is_error`, shell injection error), so no activation.
/// - agents: Task tool uses with `subagent_type`.
/// - agentMessages: non-blank assistant text blocks (model is never `<synthetic>` here).
struct ClaudeCodeFixtureTests {
    struct Expected: Sendable, CustomTestStringConvertible {
        var file: String
        var edits = 0, user = 0, rejections = 0, interrupts = 0
        var commands = 0, skills = 0, agents = 0, agentMessages = 0
        var testDescription: String { file }
    }

    static let expectations: [Expected] = [
        .init(file: "agentcmd__full-session-askuserquestion.jsonl", user: 1, agents: 1, agentMessages: 3),
        .init(file: "agentcmd__full-session-five.jsonl", user: 1, agentMessages: 3),
        .init(file: "agentcmd__full-session-three.jsonl", user: 2, agentMessages: 4),
        .init(file: "agentcmd__full-session-two.jsonl", edits: 2, user: 4, rejections: 1, interrupts: 2, agentMessages: 6),
        .init(file: "claude-code-viewer__1af7fc5e-8455-4414-9ccd-011d40f70b2a.jsonl", agentMessages: 3),
        .init(file: "claude-code-viewer__fe5e1c67-53e7-4862-81ae-d0e013e3270b.jsonl",
              edits: 31, user: 1, commands: 1, agents: 5, agentMessages: 95),
        .init(file: "spotter__258c7280-ae70-4798-800f-63464d01a85d.jsonl",
              edits: 48, user: 2, rejections: 1, interrupts: 1, agents: 1, agentMessages: 85),
        .init(file: "spotter__8463c716-a2ea-4c14-9efa-87158ebd9f20.jsonl", edits: 27, user: 1, agents: 1, agentMessages: 78),
        .init(file: "spotter__short.jsonl", user: 1, rejections: 2, interrupts: 1, agentMessages: 1),
        .init(file: "spotter__tool_heavy.jsonl", user: 2, interrupts: 2, agentMessages: 1),
        .init(file: "subagents/spotter__258c7280__agent-a881341.jsonl", agentMessages: 3),
        .init(file: "subagents/spotter__258c7280__agent-acompact-fffbd0.jsonl", agentMessages: 1),
        .init(file: "subagents/spotter__4d5611e5__agent-a2898e3.jsonl", agentMessages: 7),
    ]

    @Test("every fixture transcript is covered")
    func everyFixtureIsListed() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Fixtures.claudeCode.path)
            .filter { $0.hasSuffix(".jsonl") }
        let subagents = try FileManager.default.contentsOfDirectory(
            atPath: Fixtures.claudeCode.appendingPathComponent("subagents").path
        ).filter { $0.hasSuffix(".jsonl") }.map { "subagents/" + $0 }
        #expect(Set(names + subagents) == Set(Self.expectations.map(\.file)))
    }

    @Test("fixture counts", arguments: expectations)
    func counts(_ expected: Expected) throws {
        let path = Fixtures.claudeCode.appendingPathComponent(expected.file).path
        let (events, issues) = try ClaudeCodeDecoder.decodeFile(at: path)
        #expect(issues.isEmpty, "\(issues)")
        let counts = EventCounts(events)
        #expect(counts.sessionStarts == 1)
        #expect(counts.edits == expected.edits)
        #expect(counts.userMessages == expected.user)
        #expect(counts.rejections == expected.rejections)
        #expect(counts.interrupts == expected.interrupts)
        #expect(counts.artifacts[.command, default: 0] == expected.commands)
        #expect(counts.artifacts[.skill, default: 0] == expected.skills)
        #expect(counts.artifacts[.agent, default: 0] == expected.agents)
        #expect(counts.agentMessages == expected.agentMessages)
        #expect(events.first.map { if case .sessionStarted = $0.kind { true } else { false } } == true)
    }

    @Test("subagent files carry the parent session id and their agent id")
    func subagentIdentity() throws {
        let path = Fixtures.claudeCode.appendingPathComponent("subagents/spotter__4d5611e5__agent-a2898e3.jsonl").path
        let (events, _) = try ClaudeCodeDecoder.decodeFile(at: path)
        #expect(!events.isEmpty)
        #expect(events.allSatisfy { $0.sessionID == "4d5611e5-241a-462a-8d15-5122611a9569" && $0.agentID == "a2898e3" })
    }

    @Test("session start carries cwd, branch and version")
    func sessionInfo() throws {
        let path = Fixtures.claudeCode.appendingPathComponent("spotter__short.jsonl").path
        let (events, _) = try ClaudeCodeDecoder.decodeFile(at: path)
        guard case .sessionStarted(let info) = events.first?.kind else {
            Issue.record("first event is not sessionStarted"); return
        }
        #expect(info == SessionInfo(cwd: "/home/marco/projects/spotter", gitBranch: "master", harnessVersion: "2.1.38"))
        #expect(events.first?.sessionID == "55604662-cf2a-4331-851a-ec234028f8ca")
        #expect(events.first?.timestamp != nil)
    }

    @Test("the named slash command and subagents in fe5e1c67")
    func artifactNames() throws {
        let path = Fixtures.claudeCode.appendingPathComponent(
            "claude-code-viewer__fe5e1c67-53e7-4862-81ae-d0e013e3270b.jsonl").path
        let (events, _) = try ClaudeCodeDecoder.decodeFile(at: path)
        let refs = events.compactMap { if case .artifactActivated(let ref) = $0.kind { ref } else { nil } }
        #expect(refs.first == ArtifactRef(kind: .command, name: "orchestrator"))
        #expect(refs.filter { $0.kind == .agent }.allSatisfy { $0.name == "general-purpose" })
        // Inline 1.0.x sidechain lines have no agentId; they are still marked as subagent events.
        let sidechainEdits = events.filter { if case .agentEdited = $0.kind { $0.agentID != nil } else { false } }
        #expect(sidechainEdits.count == 30)
    }
}
