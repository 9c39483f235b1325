import Foundation
import Testing
@testable import LoopCore

@Suite("Detector: interrupts, repeats, rollbacks, harness-recorded edits, explicit feedback")
struct DetectorSignalTests {
    func session(skill: String = "prd-writer") -> (Detector, SessionScript) {
        var detector = Detector(config: DetectorConfig(transcriptLag: 0))
        var s = SessionScript()
        _ = detector.ingest(s.started(), now: s.now)
        _ = detector.ingest(s.skill(skill), now: s.now)
        return (detector, s)
    }

    @Test func interruptThenRedirectIsACorrection() {
        var (detector, s) = session()
        _ = detector.ingest(s.agent("Adding a new session button to the header…"), now: s.now)
        _ = detector.ingest(s.event(.interrupted), now: s.now)
        let decision = detector.ingest(s.user("not the new session button. this one in the sidebar"), now: s.now).first
        #expect(decision?.isLesson == true)
        #expect(decision?.candidate.signal == .chatCorrection)
        #expect(decision?.candidate.note.contains("interrupted") == true)
    }

    @Test func interruptThenNewRequirementIsIteration() {
        var (detector, s) = session()
        _ = detector.ingest(s.agent("Working on it"), now: s.now)
        _ = detector.ingest(s.event(.interrupted), now: s.now)
        #expect(detector.ingest(s.user("can you also add a footer"), now: s.now).first?.droppedGate == .iteration)
    }

    @Test func interruptWithoutAnyOutputIsNothing() {
        var (detector, s) = session()
        _ = detector.ingest(s.event(.interrupted), now: s.now)
        #expect(detector.ingest(s.user("write it in French"), now: s.now).isEmpty)
    }

    @Test func repeatedInstructionIsACorrection() {
        var (detector, s) = session()
        _ = detector.ingest(s.agent("Here is the first draft."), now: s.now)
        #expect(detector.ingest(s.user("use the company PRD template with problem statement first"), now: s.now).isEmpty)
        _ = detector.ingest(s.agent("Updated the draft."), now: s.now)
        let decision = detector.ingest(s.user("please use the company PRD template, problem statement first"), now: s.now).first
        #expect(decision?.isLesson == true)
        #expect(decision?.candidate.note.contains("repeated") == true)
    }

    @Test func differentInstructionsAreNotRepeats() {
        var (detector, s) = session()
        _ = detector.ingest(s.agent("Draft one."), now: s.now)
        _ = detector.ingest(s.user("write the PRD for search"), now: s.now)
        _ = detector.ingest(s.agent("Draft two."), now: s.now)
        let decisions = detector.ingest(s.user("write the release notes for version two"), now: s.now)
        #expect(decisions.allSatisfy { !$0.isLesson })
        #expect(decisions.allSatisfy { $0.candidate.score?.fired("repeated-instruction") != true })
    }

    @Test func rollbackOfATurnThatEditedFilesIsARevert() {
        var detector = Detector(config: DetectorConfig(transcriptLag: 0))
        var s = SessionScript()
        _ = detector.ingest(s.started(), now: s.now)
        _ = detector.ingest(s.user("write the PRD"), now: s.now)
        _ = detector.ingest(s.skill("prd-writer"), now: s.now)
        _ = detector.ingest(s.edit("/repo/prd.md", before: nil, after: prdDraft), now: s.now)
        let decision = detector.ingest(s.event(.rolledBack(turns: 1)), now: s.now).first
        #expect(decision?.candidate.signal == .revert)
        #expect(decision?.isLesson == true)
    }

    @Test func rollbackOfATalkOnlyTurnIsNothing() {
        var (detector, s) = session()
        _ = detector.ingest(s.user("explain the PRD"), now: s.now)
        _ = detector.ingest(s.agent("It is about search."), now: s.now)
        #expect(detector.ingest(s.event(.rolledBack(turns: 1)), now: s.now).isEmpty)
    }

    @Test func harnessRecordedEditOfAgentLinesIsAHandEdit() {
        var (detector, s) = session()
        _ = detector.ingest(s.edit("/repo/prd.md", before: nil, after: prdDraft), now: s.now)
        let snippet = "     2→Problem: users cannot find documents.\n     3→We should make it fast."
        let decision = detector.ingest(s.event(.userEditedFile(file: "/repo/prd.md", snippet: snippet)), now: s.now).first
        #expect(decision?.candidate.signal == .handEdit)
        #expect(decision?.isLesson == true)
        #expect(decision?.candidate.after == "Problem: users cannot find documents.")
    }

    @Test func harnessRecordedFormattingOnlyEditIsDropped() {
        var (detector, s) = session()
        _ = detector.ingest(s.edit("/repo/prd.md", before: nil, after: prdDraft), now: s.now)
        let snippet = "3\tWe  should   make it fast."
        #expect(detector.ingest(s.event(.userEditedFile(file: "/repo/prd.md", snippet: snippet)), now: s.now).first?.droppedGate == .signal)
    }

    @Test func explicitFeedbackNamesItsArtifactOrUsesTheActiveOne() {
        var (detector, s) = session()
        _ = detector.ingest(s.agent("Done."), now: s.now)
        let active = detector.ingest(s.event(.feedback("the PRD skill keeps dropping the metrics")), now: s.now).first
        #expect(active?.candidate.signal == .explicit)
        #expect(active?.candidate.artifact?.name == "prd-writer")
        #expect(active?.isLesson == true)
        let named = detector.ingest(s.event(.feedback("agent:reviewer approves without reading tests")), now: s.now).first
        #expect(named?.candidate.artifact == ArtifactRef(kind: .agent, name: "reviewer"))
        #expect(named?.candidate.userText == "approves without reading tests")
        #expect(named?.isLesson == true)
    }

    @Test func explicitFeedbackIsNeverIteration() {
        var (detector, s) = session()
        #expect(detector.ingest(s.event(.feedback("can you also make it add tests, maybe")), now: s.now).first?.isLesson == true)
    }

    @Test func deletingAFileTheAgentCreatedIsARevert() {
        var (detector, s) = session()
        _ = detector.ingest(s.edit("/repo/new.md", before: nil, after: prdDraft), now: s.now)
        #expect(detector.fileDeleted(path: "/repo/new.md", now: s.now).first?.candidate.signal == .revert)
        #expect(detector.fileDeleted(path: "/repo/other.md", now: s.now).isEmpty)
    }
}
