import Testing
@testable import LoopHarness

/// Rebuilding an Edit's result the way the tool applies it: exact text, first
/// match or every match, nothing when the original and the edit disagree.
@Suite struct ClaudeCodeEditReconstructionTests {
    typealias R = ClaudeCodeEditReconstruction.Replacement

    @Test func firstMatchOrAll() {
        #expect(ClaudeCodeEditReconstruction.apply([R(old: "a", new: "xy", replaceAll: false)], to: "banana") == "bxynana")
        #expect(ClaudeCodeEditReconstruction.apply([R(old: "a", new: "xy", replaceAll: true)], to: "banana") == "bxynxynxy")
        #expect(ClaudeCodeEditReconstruction.apply([R(old: "aa", new: "b", replaceAll: true)], to: "aaaaa") == "bba", "matches do not overlap")
        #expect(ClaudeCodeEditReconstruction.apply([R(old: "a", new: "a-a", replaceAll: true)], to: "aa") == "a-aa-a", "the new text is not searched again")
        #expect(ClaudeCodeEditReconstruction.apply([R(old: "x", new: "y", replaceAll: false)], to: "abc") == nil)
        #expect(ClaudeCodeEditReconstruction.apply([R(old: "", new: "new file", replaceAll: false)], to: nil) == "new file")
        #expect(ClaudeCodeEditReconstruction.apply([R(old: "", new: "x", replaceAll: false)], to: "not empty") == nil)
    }

    @Test func exactTextNotCanonicalEquivalence() {
        let composed = "caf\u{E9}"
        let decomposed = "cafe\u{301}"
        #expect(ClaudeCodeEditReconstruction.apply([R(old: composed, new: "tea", replaceAll: false)], to: "a \(decomposed)!") == nil,
                "the tool matches code units, so é and e+◌́ differ")
        #expect(ClaudeCodeEditReconstruction.apply([R(old: "é", new: "e", replaceAll: true)], to: "été 中é") == "ete 中e")
        #expect(ClaudeCodeEditReconstruction.apply(
            [R(old: "one", new: "two", replaceAll: false), R(old: "two two", new: "2", replaceAll: false)], to: "one two") == "2",
            "edits apply in order, each on the previous result")
    }
}
