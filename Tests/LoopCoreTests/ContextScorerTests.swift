import Foundation
import Testing
@testable import LoopCore

@Suite("Context scorer: features")
struct ContextScorerTests {
    let scorer = ContextScorer()

    func score(_ message: String, after agent: String? = "I updated the parser.", kind: ContextMoment.Kind = .chat,
               repeats: Bool = false, seconds: Double? = nil) -> ContextScore {
        scorer.score(ContextMoment(kind: kind, message: message, agentText: agent, repeatsInstruction: repeats, secondsSinceOutput: seconds))
    }

    @Test func theEmbeddedModelParses() {
        let model = ScorerModel.standard
        #expect(model.threshold > 0)
        #expect(model.weight("negation") > 0)
        #expect(model.weight("approval") < 0)
        #expect(model.lexicons["symptom"]?.anywhere.isEmpty == false)
    }

    @Test func malformedDataIsRefusedWithItsLine() {
        #expect(throws: ScorerModel.ParseError.self) { try ScorerModel.parse("threshold\t-\t2\nweight\tonly-two\n") }
        #expect(throws: ScorerModel.ParseError.self) { try ScorerModel.parse("weight\tx\t1\n") }
        let parsed = try? ScorerModel.parse("# c\nthreshold\t-\t1.5\nweight\tnegation\t3\nlead\tnegation\tNein,\n")
        #expect(parsed?.threshold == 1.5)
        #expect(parsed?.match("negation", in: "nein, das ist falsch") == "nein,")
    }

    @Test(arguments: [
        ("negation", "nope, the colour is off"),
        ("negation", "Non, pas comme ça"),
        ("correction", "you missed the migration file"),
        ("correction", "why didn't you update the changelog"),
        ("correction", "tu as oublié les tests"),
        ("symptom", "the page still doesn't load"),
        ("symptom", "je ne vois pas le bouton"),
        ("symptom", "there are now three copies of the menu"),
        ("new-request", "add a dark mode toggle"),
        ("iteration", "maybe use a smaller font"),
        ("approval", "thanks, ship it"),
        ("self-clarification", "sorry, I meant the staging server"),
        ("question", "where is the config stored?"),
        ("invocation", "$release-notes for 3.1"),
        ("invocation", "/deploy staging"),
    ])
    func featureFires(_ feature: String, _ message: String) {
        #expect(score(message).fired(feature), "\(feature) on \(message)")
    }

    @Test(arguments: [
        ("negation", "nobody uses that flag"),
        ("correction", "you should be able to see it in the sidebar now"),
        ("symptom", "works for me"),
        ("new-request", "the list is empty"),
        ("approval", "okra is not a fruit"),
        ("question", "the header"),
        ("invocation", "/home/me/notes.txt is the file"),
    ])
    func featureDoesNotFire(_ feature: String, _ message: String) {
        #expect(!score(message).fired(feature), "\(feature) on \(message)")
    }

    @Test func symptomAfterADoneClaimCrossesTheThreshold() {
        let afterClaim = score("the build still fails", after: "Done! All tests pass now.")
        #expect(afterClaim.fired("symptom-after-claim"))
        #expect(afterClaim.raises)
        let noClaim = score("the build still fails", after: "I looked at the CI config.")
        #expect(!noClaim.fired("symptom-after-claim"))
        #expect(!noClaim.raises)
    }

    @Test func pastedErrorAfterASuccessClaimCounts() {
        let paste = "Traceback (most recent call last):\n  File \"app.py\", line 3, in <module>\nKeyError: 'id'"
        #expect(score(paste, after: "Fixed, the script works now.").raises)
        #expect(score(paste, after: "Fixed, the script works now.").fired("pasted-error-after-claim"))
        #expect(!score(paste, after: "Which file should I look at?").fired("pasted-error-after-claim"))
    }

    @Test(arguments: [
        "Traceback (most recent call last):",
        "error[E0308]: mismatched types",
        "    at render (src/view.js:14:7)",
        "Sources/App/main.swift:12:5: error: cannot find 'x' in scope",
        "FAIL: 2 tests failed",
        "panic: runtime error: index out of range",
    ])
    func errorShapesAreLanguageIndependent(_ paste: String) {
        #expect(PastedOutput.error(in: "voilà ce que j'obtiens :\n" + paste) != nil)
    }

    @Test(arguments: ["the login flow failed to convince the client", "please check version 2.4 of the spec", "add error handling"])
    func proseIsNotAPastedError(_ text: String) {
        #expect(PastedOutput.error(in: text) == nil)
    }

    @Test(arguments: [
        "<bash-notification>build finished</bash-notification>",
        "⏺ Ran 1 stop hook\n  ⎿ Stop hook prevented continuation",
        "## User Input\n\n```text\n$ARGUMENTS\n```\n\nYou **MUST** consider the user input",
    ])
    func notTypedTextIsVetoed(_ text: String) {
        let result = score(text, after: "Done.")
        #expect(result.fired("not-typed"))
        #expect(!result.raises)
    }

    @Test func aNewRequestWithCorrectionWordsStaysUnderTheThreshold() {
        #expect(!score("fix the flaky upload test next", after: "Release 1.2 is tagged.").raises)
        #expect(!score("do not touch the API, just add logging to the worker", after: "Here is the plan.").raises)
    }

    @Test func anAnswerToTheAgentsQuestionIsNotACorrection() {
        let result = score("no, keep it", after: "I can also delete the old branch. Should I?")
        #expect(result.fired("answers-agent"))
        #expect(!result.raises)
        #expect(!score("you forgot the README", after: "All set. Anything else?").fired("answers-agent"))
    }

    @Test func repeatingAnInstructionIsEvidence() {
        #expect(score("use snake case for the columns", repeats: true).fired("repeated-instruction"))
        #expect(!score("use snake case for the columns").fired("repeated-instruction"))
    }

    @Test func rejectionReasonsStartAboveTheThresholdUnlessTheyMoveOn() {
        #expect(score("put it behind a feature flag", after: nil, kind: .rejectionReason).raises)
        #expect(!score("add a settings page first", after: nil, kind: .rejectionNext).raises)
        #expect(score("keep the old name", after: nil, kind: .rejectionNext).raises)
    }

    @Test func timingFeaturesAreComputedFromTheGap() {
        let model = ScorerModel(threshold: 1, weights: ["quick-reply": 0.5, "late-reply": -0.5], lexicons: [:])
        let custom = ContextScorer(model: model)
        #expect(custom.score(ContextMoment(kind: .chat, message: "x", agentText: nil, secondsSinceOutput: 3)).fired("quick-reply"))
        #expect(custom.score(ContextMoment(kind: .chat, message: "x", agentText: nil, secondsSinceOutput: 7_200)).fired("late-reply"))
    }

    @Test func explanationListsEachContributionAndTheThreshold() {
        let text = score("still broken", after: "Fixed it.").explanation
        #expect(text.hasPrefix("score 2.5 ≥ 2.0: "))
        #expect(text.contains("symptom +1.0 (\"still broken\")"))
    }
}
