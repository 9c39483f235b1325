import Foundation
import Testing
@testable import LoopCore

@Suite("Detector: chat corrections and rejections")
struct DetectorChatTests {
    /// A session where skill `prd-writer` produced an answer, then the user says `text`.
    func afterOutput(_ text: String, skill: String? = "prd-writer") -> [Decision] {
        var detector = Detector()
        var s = SessionScript()
        _ = detector.ingest(s.started(), now: s.now)
        if let skill { _ = detector.ingest(s.skill(skill), now: s.now) }
        _ = detector.ingest(s.agent("Here is the PRD in a freeform structure."), now: s.now)
        return detector.ingest(s.user(text), now: s.now)
    }

    @Test(arguments: [
        "no, the template is Problem/Solution/Metrics",
        "That's wrong: PRDs always start with the problem statement",
        "you forgot the tests",
        "stop using reST, we write Markdown",
        "Don't use tabs in these files",
        "I told you to keep the summary under 100 words",
    ])
    func correctionLanguageBecomesALesson(_ text: String) {
        let decisions = afterOutput(text)
        #expect(decisions.count == 1)
        #expect(decisions.first?.isLesson == true)
        #expect(decisions.first?.candidate.signal == .chatCorrection)
        #expect(decisions.first?.candidate.position.line == 4, "the user's line")
    }

    @Test(arguments: [
        ("now also add a section on risks", Gate.iteration),
        ("can you also add a FAQ?", Gate.iteration),
        ("I'd prefer blue instead of green", Gate.iteration),
        ("actually let's switch to the mobile app instead", Gate.iteration),
        ("thanks, looks good", Gate.iteration),
        ("what about the metrics?", Gate.iteration),
    ])
    func iterationIsDropped(_ text: String, _ gate: Gate) {
        let decisions = afterOutput(text)
        #expect(decisions.allSatisfy { !$0.isLesson })
        #expect(decisions.first?.droppedGate == gate)
    }

    @Test(arguments: ["make the title bigger", "Please write the PRD for checkout next", "ok run the tests"])
    func plainInstructionsAreNotCandidates(_ text: String) {
        #expect(afterOutput(text).allSatisfy { !$0.isLesson })
    }

    @Test func correctionWithoutAnArtifactIsDroppedAtAttribution() {
        let decisions = afterOutput("no, that's wrong", skill: nil)
        #expect(decisions.first?.droppedGate == .attribution)
    }

    @Test func correctionBeforeAnyAgentOutputIsNotACandidate() {
        var detector = Detector()
        var s = SessionScript()
        _ = detector.ingest(s.started(), now: s.now)
        _ = detector.ingest(s.skill("prd-writer"), now: s.now)
        #expect(detector.ingest(s.user("no, that's wrong"), now: s.now).isEmpty)
    }

    @Test func rejectionWithAReasonIsALesson() {
        var detector = Detector()
        var s = SessionScript()
        _ = detector.ingest(s.started(), now: s.now)
        _ = detector.ingest(s.skill("ui-builder"), now: s.now)
        let decisions = detector.ingest(s.event(.toolRejected(toolCallID: "toolu_1", userReason: "put the button outside the search bar")), now: s.now)
        #expect(decisions.first?.isLesson == true)
        #expect(decisions.first?.candidate.signal == .rejection)
    }

    @Test func rejectionThenTypedReasonIsOneLesson() {
        var detector = Detector()
        var s = SessionScript()
        _ = detector.ingest(s.started(), now: s.now)
        _ = detector.ingest(s.skill("ui-builder"), now: s.now)
        #expect(detector.ingest(s.event(.toolRejected(toolCallID: "toolu_1", userReason: nil)), now: s.now).isEmpty)
        #expect(detector.ingest(s.event(.interrupted), now: s.now).isEmpty)
        let decisions = detector.ingest(s.user("Completely outside the search bar entirely"), now: s.now)
        #expect(decisions.count == 1)
        #expect(decisions.first?.candidate.signal == .rejection)
        #expect(decisions.first?.isLesson == true)
    }

    @Test func rejectionFollowedByANewRequirementIsIteration() {
        var detector = Detector()
        var s = SessionScript()
        _ = detector.ingest(s.started(), now: s.now)
        _ = detector.ingest(s.skill("ui-builder"), now: s.now)
        _ = detector.ingest(s.event(.toolRejected(toolCallID: "toolu_1", userReason: nil)), now: s.now)
        #expect(detector.ingest(s.user("wait, first also add a settings page"), now: s.now).first?.droppedGate == .iteration)
    }

    @Test func ignoredArtifactIsDropped() {
        var detector = Detector(config: DetectorConfig(ignore: ["internal-*"]))
        var s = SessionScript()
        _ = detector.ingest(s.started(), now: s.now)
        _ = detector.ingest(s.skill("internal-tool"), now: s.now)
        _ = detector.ingest(s.agent("done"), now: s.now)
        #expect(detector.ingest(s.user("no, that's wrong"), now: s.now).first?.droppedGate == .attribution)
    }
}

@Suite("Detector: attribution scope")
struct DetectorScopeTests {
    @Test func aNewInstructionEndsTheSkillsScope() {
        var detector = Detector()
        var s = SessionScript()
        _ = detector.ingest(s.started(), now: s.now)
        _ = detector.ingest(s.skill("prd-writer"), now: s.now)
        _ = detector.ingest(s.agent("Here is the PRD."), now: s.now)
        _ = detector.ingest(s.user("Now write a haiku about databases"), now: s.now)
        _ = detector.ingest(s.agent("Rows in silence wait"), now: s.now)
        #expect(detector.ingest(s.user("no, that's wrong"), now: s.now).first?.droppedGate == .attribution)
    }

    @Test func aCorrectionKeepsTheScopeSoTheNextOneFolds() {
        var detector = Detector()
        var s = SessionScript()
        _ = detector.ingest(s.started(), now: s.now)
        _ = detector.ingest(s.skill("prd-writer"), now: s.now)
        _ = detector.ingest(s.agent("Here is the PRD."), now: s.now)
        #expect(detector.ingest(s.user("no, the template is Problem/Solution/Metrics"), now: s.now).first?.isLesson == true)
        _ = detector.ingest(s.agent("Fixed."), now: s.now)
        #expect(detector.ingest(s.user("you forgot the Metrics section"), now: s.now).first?.verdict == .fold)
    }

    @Test func trackedInstructionsOutliveANewInstruction() {
        var detector = Detector(config: DetectorConfig(trackedInstructions: ["CLAUDE.md"]))
        var s = SessionScript()
        _ = detector.ingest(s.started(), now: s.now)
        _ = detector.ingest(s.event(.artifactActivated(ArtifactRef(kind: .instructions, name: "CLAUDE.md"))), now: s.now)
        _ = detector.ingest(s.user("write the changelog"), now: s.now)
        _ = detector.ingest(s.agent("Done."), now: s.now)
        let decision = detector.ingest(s.user("that's wrong, we use Keep a Changelog"), now: s.now).first
        #expect(decision?.isLesson == true)
        #expect(decision?.candidate.artifact?.name == "CLAUDE.md")
    }
}

@Suite("Detector: subagents")
struct DetectorSubagentTests {
    @Test func builtInSubagentOutputBelongsToTheCommandThatLaunchedIt() {
        var detector = Detector(config: DetectorConfig(transcriptLag: 0))
        var s = SessionScript()
        _ = detector.ingest(s.started(), now: s.now)
        _ = detector.ingest(s.event(.artifactActivated(ArtifactRef(kind: .command, name: "orchestrator"))), now: s.now)
        _ = detector.ingest(s.event(.artifactActivated(ArtifactRef(kind: .agent, name: "general-purpose"))), now: s.now)
        let edit = AgentEdit(file: "/repo/x.md", before: nil, after: prdDraft, hunks: LineDiff.hunks(old: "", new: prdDraft), toolCallID: "t", tool: "Write")
        _ = detector.ingest(s.event(.agentEdited(edit), agentID: "sidechain"), now: s.now)
        let decision = detector.fileChanged(path: "/repo/x.md", content: prdFixed, now: s.now).first
        #expect(decision?.candidate.artifact == ArtifactRef(kind: .command, name: "orchestrator"))
        #expect(decision?.isLesson == true)
    }
}

@Suite("Detector: answers to the agent's questions")
struct DetectorAnswerTests {
    @Test(arguments: ["no, that's fine", "don't push yet", "nope"])
    func leadingNoAnswersAQuestion(_ text: String) {
        var detector = Detector()
        var s = SessionScript()
        _ = detector.ingest(s.started(), now: s.now)
        _ = detector.ingest(s.skill("deployer"), now: s.now)
        _ = detector.ingest(s.agent("Deployed to staging. Should I push to main too?"), now: s.now)
        #expect(detector.ingest(s.user(text), now: s.now).first?.droppedGate == .iteration)
    }

    @Test func inlineCorrectionAfterAQuestionStillCounts() {
        var detector = Detector()
        var s = SessionScript()
        _ = detector.ingest(s.started(), now: s.now)
        _ = detector.ingest(s.skill("release-notes"), now: s.now)
        _ = detector.ingest(s.agent("Here are the notes. Anything else?"), now: s.now)
        #expect(detector.ingest(s.user("you forgot the breaking changes"), now: s.now).first?.isLesson == true)
    }
}
