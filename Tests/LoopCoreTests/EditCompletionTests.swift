import Testing
@testable import LoopCore

@Suite("Completing edits recorded without file text")
struct EditCompletionTests {
    @Test func hunksArePlacedAndTheOriginalRebuilt() {
        let before = "a\nb\nc\nd\ne\nf\n"
        let after = "a\nb\nC!\nd\ne\nf\ng\n"
        // What a Codex patch gives: context and changed lines, positions unknown (0).
        let hunks = [
            EditHunk(oldStart: 0, oldLines: 0, newStart: 0, newLines: 0, lines: [" b", "-c", "+C!", " d"]),
            EditHunk(oldStart: 0, oldLines: 0, newStart: 0, newLines: 0, lines: [" f", "+g"]),
        ]
        let edit = AgentEdit(file: "/r/x", before: nil, after: nil, hunks: hunks, toolCallID: "c", tool: "apply_patch")
        let completed = EditCompletion.complete(edit, currentContent: after)
        #expect(completed.after == after)
        #expect(completed.before == before)
        #expect(completed.hunks.flatMap(\.addedLineNumbers) == [3, 7])
        #expect(completed.hunks.map(\.oldStart) == [2, 6])
    }

    @Test func hunkNotFoundOnDiskIsDroppedAndTheOriginalLeftUnknown() {
        let edit = AgentEdit(
            file: "/r/x", before: nil, after: nil,
            hunks: [EditHunk(oldStart: 0, oldLines: 0, newStart: 0, newLines: 0, lines: ["+gone"])], toolCallID: "c", tool: "apply_patch")
        let completed = EditCompletion.complete(edit, currentContent: "something else\n")
        #expect(completed.hunks.isEmpty)
        #expect(completed.before == nil)
    }

    @Test func knownTextIsLeftAlone() {
        let edit = AgentEdit(file: "/r/x", before: "a\n", after: "b\n", hunks: [], toolCallID: "c", tool: "Edit")
        #expect(EditCompletion.complete(edit, currentContent: "zzz\n") == edit)
    }
}
