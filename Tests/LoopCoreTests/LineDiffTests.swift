import Foundation
import LoopCore
import Testing

struct LineDiffTests {
    @Test("line splitting: a trailing newline ends the last line, it adds none")
    func splitting() {
        #expect(LineDiff.splitLines("").isEmpty)
        #expect(LineDiff.splitLines("\n") == [TextLine(text: "", isTerminated: true)])
        #expect(LineDiff.splitLines("a\nb\n").map(\.text) == ["a", "b"])
        #expect(LineDiff.splitLines("a\nb").map(\.isTerminated) == [true, false])
        #expect(LineDiff.splitLines("a\r\nb\r\n").map(\.text) == ["a\r", "b\r"])
        #expect(LineDiff.splitLines("é\n\n中文 😀\nz").map(\.text) == ["é", "", "中文 😀", "z"], "multi-byte text splits on its newlines")
        #expect(LineDiff.splitLines("e\u{301}\nx").map(\.text) == ["e\u{301}", "x"], "a combining mark stays with its line")
    }

    @Test("identical texts have no changes")
    func identical() {
        #expect(LineDiff.changes(old: "a\nb\n", new: "a\nb\n").isEmpty)
        #expect(LineDiff.hunks(old: "a\nb\n", new: "a\nb\n").isEmpty)
    }

    @Test("changes are 1-based, half-open, possibly empty ranges")
    func changes() {
        let old = "a\nb\nc\nd\ne\n"
        #expect(LineDiff.changes(old: old, new: "a\nB\nc\nd\ne\n") == [LineChange(old: 2..<3, new: 2..<3)])
        #expect(LineDiff.changes(old: old, new: "a\nb\nx\ny\nc\nd\ne\n") == [LineChange(old: 3..<3, new: 3..<5)])
        #expect(LineDiff.changes(old: old, new: "a\ne\n") == [LineChange(old: 2..<5, new: 2..<2)])
        #expect(LineDiff.changes(old: "", new: "x\n") == [LineChange(old: 1..<1, new: 1..<2)])
        #expect(LineDiff.changes(old: old, new: "a\nB\nc\nd\nE\n") == [
            LineChange(old: 2..<3, new: 2..<3), LineChange(old: 5..<6, new: 5..<6),
        ])
    }

    @Test("hunks carry three lines of context and merge nearby changes")
    func hunksWithContext() {
        let old = (1...20).map { "l\($0)" }.joined(separator: "\n") + "\n"
        var newLines = (1...20).map { "l\($0)" }
        newLines[4] = "five"      // line 5
        newLines[9] = "ten"       // line 10: 4 unchanged lines apart, so merged
        newLines[18] = "nineteen" // line 19: far away, own hunk
        let hunks = LineDiff.hunks(old: old, new: newLines.joined(separator: "\n") + "\n")
        #expect(hunks.count == 2)
        #expect(hunks.first == EditHunk(oldStart: 2, oldLines: 12, newStart: 2, newLines: 12, lines: [
            " l2", " l3", " l4", "-l5", "+five", " l6", " l7", " l8", " l9", "-l10", "+ten", " l11", " l12", " l13",
        ]))
        #expect(hunks.last == EditHunk(oldStart: 16, oldLines: 5, newStart: 16, newLines: 5, lines: [
            " l16", " l17", " l18", "-l19", "+nineteen", " l20",
        ]))
        #expect(hunks.last?.addedLineNumbers == [19])
    }

    @Test("a missing final newline is a change of that line, marked as in jsdiff")
    func noNewlineAtEnd() {
        let hunks = LineDiff.hunks(old: "a\nb", new: "a\nb\nc\n")
        #expect(hunks == [EditHunk(oldStart: 1, oldLines: 2, newStart: 1, newLines: 3, lines: [
            " a", "-b", LineDiff.noNewlineMarker, "+b", "+c",
        ])])
    }

    @Test("context 0 and deletions")
    func contextZero() {
        #expect(LineDiff.hunks(old: "a\nb\nc\n", new: "a\nc\n", context: 0) == [
            EditHunk(oldStart: 2, oldLines: 1, newStart: 2, newLines: 0, lines: ["-b"]),
        ])
    }

    @Test("10k-line files diff quickly, small and large edit distances")
    func largeFiles() {
        let old = (0..<10_000).map { "line \($0) of a long file" }
        var new = old
        for index in stride(from: 0, to: 10_000, by: 500) { new[index] = "changed \(index)" }
        new.insert("inserted", at: 5_250)
        let start = ContinuousClock.now
        let changes = LineDiff.changes(old: old.joined(separator: "\n"), new: new.joined(separator: "\n"))
        #expect(changes.count == 21)
        // Wholly rewritten: beyond the edit-cost cap everything after the common prefix is one replacement.
        let rewritten = (0..<10_000).map { "other \($0)" }.joined(separator: "\n")
        #expect(LineDiff.changes(old: old.joined(separator: "\n"), new: rewritten) == [
            LineChange(old: 1..<10_001, new: 1..<10_001),
        ])
        #expect(ContinuousClock.now - start < .seconds(10))
    }

    @Test("random edits: applying the changes to old gives new")
    func roundTrip() {
        for _ in 0..<200 {
            let old = (0..<Int.random(in: 0...30)).map { _ in "\(Int.random(in: 0...5))" }
            let new = (0..<Int.random(in: 0...30)).map { _ in "\(Int.random(in: 0...5))" }
            let oldText = old.map { $0 + "\n" }.joined(), newText = new.map { $0 + "\n" }.joined()
            var rebuilt: [String] = []
            var next = 1
            for change in LineDiff.changes(old: oldText, new: newText) {
                rebuilt += old[(next - 1)..<(change.old.lowerBound - 1)]
                rebuilt += new[(change.new.lowerBound - 1)..<(change.new.upperBound - 1)]
                next = change.old.upperBound
            }
            rebuilt += old[(next - 1)...]
            #expect(rebuilt == new)
        }
    }
}
