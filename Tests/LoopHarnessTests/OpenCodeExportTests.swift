import Foundation
import LoopCore
import LoopHarness
import LoopTestSupport
import Testing

/// Decodes every `opencode export` fixture and checks the event counts.
///
/// The expected numbers were established independently with jq over the files
/// (`M = .messages[]`, `P = .messages[].parts[]`):
/// - edits: per completed tool part with tool edit/write/apply_patch/patch,
///   `(.state.metadata.files // [1]) | length` summed — one edit per file an
///   apply_patch touched (all fixtures use apply_patch only).
/// - user: text parts of `M | select(.info.role=="user")` without `synthetic`
///   / `ignored` and not blank.
/// - agentMessages: non-blank text parts of assistant messages (all have
///   `time.end`; shiny-nebula's one blank, unfinished part is skipped).
/// - aborts: `M.info | select(.role=="assistant" and .error.name=="MessageAbortedError")`.
/// - skills: `P | select(.tool=="skill" and .state.status=="completed")`.
/// - agents: `P | select(.tool=="task")` with `state.input.subagent_type`, any
///   status but pending (quiet-meadow's aborted task counts: the subagent ran).
///   `agent` parts (@mentions) are not counted; `.info.agent` is only build/plan.
/// - commands: no `subtask` parts in any fixture, so 0.
/// - rejections: no tool error contains "The user rejected permission", so 0.
struct OpenCodeExportTests {
    struct Expected: Sendable, CustomTestStringConvertible {
        var file: String
        var edits = 0, user = 0, agentMessages = 0, aborts = 0, skills = 0, agents = 0
        var testDescription: String { file }
    }

    static let expectations: [Expected] = [
        .init(file: "dark-factory__crisp-garden__ses_39bc72f63ffeQb8egYBpyTrCNr.json",
              edits: 13, user: 8, agentMessages: 7, aborts: 1, agents: 2),
        .init(file: "dark-factory__hidden-river__ses_39b709b7fffea1aT6PAuEvX6Zq.json",
              edits: 10, user: 10, agentMessages: 9, aborts: 1, agents: 1),
        .init(file: "dark-factory__jolly-eagle__ses_39b5d713cffeRgAoxPIwS3Plus.json",
              user: 1, agentMessages: 1, skills: 1, agents: 1),
        .init(file: "dark-factory__kind-meadow__ses_39b9a333bffeVNXMK6bSZru9Uq.json",
              edits: 20, user: 12, agentMessages: 11, skills: 2, agents: 2),
        .init(file: "dark-factory__nimble-pixel__ses_39b4c1891ffezxPVc5OPmcqF33.json",
              edits: 1, user: 2, agentMessages: 1, aborts: 1),
        .init(file: "dark-factory__quiet-meadow__ses_39c0a3da8ffeFQWvKTGUJWivpv.json",
              edits: 3, user: 6, agentMessages: 2, aborts: 1, agents: 2),
        .init(file: "dark-factory__shiny-nebula__ses_39b5e5180ffeUO9pt25DSY2L3f.json",
              edits: 8, user: 5, agentMessages: 4, aborts: 1),
    ]

    static var directory: URL { Fixtures.transcripts.appendingPathComponent("opencode") }

    @Test("every export fixture is covered")
    func everyFixtureIsListed() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).filter { $0.hasSuffix(".json") }
        #expect(Set(names) == Set(Self.expectations.map(\.file)))
    }

    @Test("export fixture counts", arguments: expectations)
    func counts(_ expected: Expected) throws {
        let (events, issues) = try OpenCodeExport.decodeFile(at: Self.directory.appendingPathComponent(expected.file).path)
        #expect(issues.isEmpty, "\(issues)")
        let counts = EventCounts(events)
        #expect(counts.sessionStarts == 1)
        #expect(counts.edits == expected.edits)
        #expect(counts.userMessages == expected.user)
        #expect(counts.agentMessages == expected.agentMessages)
        #expect(counts.interrupts == expected.aborts)
        #expect(counts.rejections == 0)
        #expect(counts.artifacts[.skill, default: 0] == expected.skills)
        #expect(counts.artifacts[.agent, default: 0] == expected.agents)
        #expect(counts.artifacts[.command, default: 0] == 0)
        #expect(events.allSatisfy { $0.harness == .opencode && $0.position.recordID != nil })
        // Every event but the session start names an OpenCode message id.
        #expect(events.dropFirst().allSatisfy { $0.position.recordID?.hasPrefix("msg_") == true })
    }

    @Test("session start carries the directory and version; ids come from the session")
    func sessionInfo() throws {
        let file = Self.directory.appendingPathComponent(Self.expectations[4].file).path
        let (events, _) = try OpenCodeExport.decodeFile(at: file)
        guard case .sessionStarted(let info) = events.first?.kind else {
            Issue.record("first event is not sessionStarted"); return
        }
        #expect(info == SessionInfo(cwd: "/Users/alex/repos/vfp/dark-factory", harnessVersion: "1.2.5"))
        #expect(events.allSatisfy { $0.sessionID == "ses_39b4c1891ffezxPVc5OPmcqF33" && $0.agentID == nil })
        #expect(events.first?.timestamp == Date(timeIntervalSince1970: 1_771_216_037.742))
    }

    @Test("apply_patch edit: file, before/after, hunks from the stored diff")
    func applyPatchEdit() throws {
        let file = Self.directory.appendingPathComponent(Self.expectations[4].file).path
        let (events, _) = try OpenCodeExport.decodeFile(at: file)
        let edits = events.compactMap { if case .agentEdited(let edit) = $0.kind { edit } else { nil } }
        let edit = try #require(edits.first)
        #expect(edit.file == "/Users/alex/repos/vfp/dark-factory/TODO.md")
        #expect(edit.tool == "apply_patch")
        #expect(edit.toolCallID == "call_6G7SLNkFMDlf58jSsPU55hiO")
        #expect(edit.hunks.count == 1)
        #expect(edit.hunks.first?.oldStart == 36 && edit.hunks.first?.newLines == 5)
        let before = try #require(edit.before), after = try #require(edit.after)
        // The stored diff and a fresh LineDiff agree on which lines the agent wrote.
        #expect(edit.hunks.flatMap(\.addedLineNumbers) == LineDiff.hunks(old: before, new: after).flatMap(\.addedLineNumbers))
    }

    @Test("added files have no before; every edit has hunks")
    func addedFiles() throws {
        let file = Self.directory.appendingPathComponent(Self.expectations[6].file).path
        let (events, _) = try OpenCodeExport.decodeFile(at: file)
        let edits = events.compactMap { if case .agentEdited(let edit) = $0.kind { edit } else { nil } }
        #expect(edits.filter { $0.before == nil }.count == 7)
        #expect(edits.allSatisfy { !$0.hunks.isEmpty && $0.after != nil })
    }

    @Test("the skill and subagent names in jolly-eagle")
    func artifactNames() throws {
        let file = Self.directory.appendingPathComponent(Self.expectations[2].file).path
        let (events, _) = try OpenCodeExport.decodeFile(at: file)
        let refs = events.compactMap { if case .artifactActivated(let ref) = $0.kind { ref } else { nil } }
        #expect(Set(refs) == [ArtifactRef(kind: .skill, name: "gitter-commit"), ArtifactRef(kind: .agent, name: "gitter")])
    }

    @Test("not an export: one issue, no events")
    func badDocument() {
        let (events, issues) = OpenCodeExport.decode(data: Data("[1,2]".utf8), path: "/x.json")
        #expect(events.isEmpty)
        #expect(issues.count == 1 && issues[0].path == "/x.json")
    }
}
