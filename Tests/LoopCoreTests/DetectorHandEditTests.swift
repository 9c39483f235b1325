import Foundation
import Testing
@testable import LoopCore

@Suite("Detector: hand edits and reverts")
struct DetectorHandEditTests {
    @Test func handEditOfAgentLinesBecomesALessonAfterTheLag() {
        var detector = Detector(config: DetectorConfig(transcriptLag: 2))
        var s = SessionScript()
        _ = detector.ingest(s.started(), now: s.now)
        _ = detector.ingest(s.skill("prd-writer"), now: s.now)
        _ = detector.ingest(s.edit("/repo/docs/prd.md", before: nil, after: prdDraft), now: s.now)
        #expect(detector.fileChanged(path: "/repo/docs/prd.md", content: prdFixed, now: s.now).isEmpty)
        #expect(detector.tick(now: s.now.addingTimeInterval(1)).isEmpty, "waits for the transcript")
        let decisions = detector.tick(now: s.now.addingTimeInterval(2.5))
        #expect(decisions.count == 1)
        let decision = decisions[0]
        #expect(decision.isLesson)
        #expect(decision.candidate.signal == .handEdit)
        #expect(decision.candidate.artifact == ArtifactRef(kind: .skill, name: "prd-writer"))
        #expect(decision.candidate.after.contains("## Problem"))
        #expect(decision.candidate.before.contains("freeform"))
        #expect(decision.candidate.position.line == 3, "points at the agent's edit")
    }

    @Test func agentsOwnWriteSeenOnDiskBeforeTheTranscriptIsNotACorrection() {
        var detector = Detector(config: DetectorConfig(transcriptLag: 2))
        var s = SessionScript()
        _ = detector.ingest(s.started(), now: s.now)
        _ = detector.ingest(s.skill("prd-writer"), now: s.now)
        _ = detector.ingest(s.edit("/repo/prd.md", before: nil, after: prdDraft), now: s.now)
        // The agent's second edit lands on disk first; its transcript line arrives a moment later.
        _ = detector.fileChanged(path: "/repo/prd.md", content: prdFixed, now: s.now)
        _ = detector.ingest(s.edit("/repo/prd.md", before: prdDraft, after: prdFixed, tool: "Edit"), now: s.now)
        #expect(detector.pendingChanges.isEmpty)
        #expect(detector.tick(now: s.now.addingTimeInterval(10)).isEmpty)
    }

    @Test func whitespaceOnlyChangeIsDroppedAtTheSignalGate() {
        var detector = Detector(config: DetectorConfig(transcriptLag: 0))
        var s = SessionScript()
        _ = detector.ingest(s.started(), now: s.now)
        _ = detector.ingest(s.skill("fmt"), now: s.now)
        _ = detector.ingest(s.edit("/repo/a.py", before: "x = 1\n", after: "x = 1\ndef f(a,b):\n  return a+b\n"), now: s.now)
        let decisions = detector.fileChanged(path: "/repo/a.py", content: "x = 1\ndef f(a, b):\n    return a+b\n", now: s.now)
        #expect(decisions.count == 1)
        #expect(decisions[0].droppedGate == .signal)
    }

    @Test func editOfLinesTheAgentDidNotWriteStaysSilent() {
        var detector = Detector(config: DetectorConfig(transcriptLag: 0))
        var s = SessionScript()
        let before = (1...20).map { "line \($0)" }.joined(separator: "\n") + "\n"
        var afterLines = before.split(separator: "\n").map(String.init)
        afterLines[1] = "agent wrote this"
        let after = afterLines.joined(separator: "\n") + "\n"
        _ = detector.ingest(s.started(), now: s.now)
        _ = detector.ingest(s.skill("x"), now: s.now)
        _ = detector.ingest(s.edit("/repo/f.txt", before: before, after: after, tool: "Edit"), now: s.now)
        var userLines = afterLines
        userLines[15] = "user changed a far away line"
        let decisions = detector.fileChanged(path: "/repo/f.txt", content: userLines.joined(separator: "\n") + "\n", now: s.now)
        #expect(decisions.allSatisfy { !$0.isLesson })
        #expect(decisions.first?.droppedGate == .signal)
        // A later change to the agent's line is still caught: line numbers were kept.
        userLines[1] = "user fixed the agent's line"
        let second = detector.fileChanged(path: "/repo/f.txt", content: userLines.joined(separator: "\n") + "\n", now: s.now)
        #expect(second.count == 1 && second[0].isLesson)
    }

    @Test func fileBackToItsOriginalIsARevert() {
        var detector = Detector(config: DetectorConfig(transcriptLag: 0))
        var s = SessionScript()
        _ = detector.ingest(s.started(), now: s.now)
        _ = detector.ingest(s.skill("refactor"), now: s.now)
        _ = detector.ingest(s.edit("/repo/a.swift", before: "let a = 1\n", after: "let a = 2\nlet b = 3\n", tool: "Edit"), now: s.now)
        let decisions = detector.fileChanged(path: "/repo/a.swift", content: "let a = 1\n", now: s.now)
        #expect(decisions.count == 1)
        #expect(decisions[0].candidate.signal == .revert)
        #expect(decisions[0].isLesson)
    }

    @Test func unattributableEditIsDroppedAtTheAttributionGate() {
        var detector = Detector(config: DetectorConfig(transcriptLag: 0))
        var s = SessionScript()
        _ = detector.ingest(s.started(), now: s.now)
        _ = detector.ingest(s.edit("/repo/a.md", before: nil, after: prdDraft), now: s.now)
        let decisions = detector.fileChanged(path: "/repo/a.md", content: prdFixed, now: s.now)
        #expect(decisions.first?.droppedGate == .attribution)
    }

    @Test func untrackedInstructionsAreNotAttributableButTrackedOnesAre() {
        for tracked in [false, true] {
            var detector = Detector(config: DetectorConfig(trackedInstructions: tracked ? ["AGENTS.md"] : [], transcriptLag: 0))
            var s = SessionScript()
            _ = detector.ingest(s.started(), now: s.now)
            _ = detector.ingest(s.event(.artifactActivated(ArtifactRef(kind: .instructions, name: "AGENTS.md"))), now: s.now)
            _ = detector.ingest(s.edit("/repo/a.md", before: nil, after: prdDraft), now: s.now)
            let decisions = detector.fileChanged(path: "/repo/a.md", content: prdFixed, now: s.now)
            #expect(decisions.first?.isLesson == tracked)
        }
    }

    @Test func secondCorrectionOfTheSameArtifactFoldsAndSurvivesARestart() {
        var detector = Detector(config: DetectorConfig(transcriptLag: 0))
        var s = SessionScript()
        _ = detector.ingest(s.started(), now: s.now)
        _ = detector.ingest(s.skill("prd-writer"), now: s.now)
        _ = detector.ingest(s.edit("/repo/a.md", before: nil, after: prdDraft), now: s.now)
        #expect(detector.fileChanged(path: "/repo/a.md", content: prdFixed, now: s.now).first?.isLesson == true)
        _ = detector.ingest(s.agent("Updated."), now: s.now)
        let second = detector.ingest(s.user("no, you forgot the metrics owner"), now: s.now)
        #expect(second.first?.verdict == .fold)
        // A new detector that loads the persisted keys folds too.
        var restarted = Detector(config: DetectorConfig(transcriptLag: 0), debounced: detector.debounced)
        var t = SessionScript()
        _ = restarted.ingest(t.started(), now: t.now)
        _ = restarted.ingest(t.skill("prd-writer"), now: t.now)
        _ = restarted.ingest(t.agent("Here is the PRD."), now: t.now)
        #expect(restarted.ingest(t.user("that's wrong, the template is Problem/Solution/Metrics"), now: t.now).first?.verdict == .fold)
    }

    @Test func subagentEditsAreAttributedToTheSubagent() {
        var detector = Detector(config: DetectorConfig(transcriptLag: 0))
        var s = SessionScript()
        _ = detector.ingest(s.started(), now: s.now)
        _ = detector.ingest(s.event(.artifactActivated(ArtifactRef(kind: .agent, name: "doc-writer"))), now: s.now)
        let edit = AgentEdit(file: "/repo/x.md", before: nil, after: prdDraft, hunks: LineDiff.hunks(old: "", new: prdDraft), toolCallID: "t", tool: "Write")
        _ = detector.ingest(s.event(.agentEdited(edit), agentID: "a123"), now: s.now)
        let decisions = detector.fileChanged(path: "/repo/x.md", content: prdFixed, now: s.now)
        #expect(decisions.first?.candidate.artifact == ArtifactRef(kind: .agent, name: "doc-writer"))
        #expect(decisions.first?.isLesson == true)
    }
}
