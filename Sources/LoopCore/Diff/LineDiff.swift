import Foundation

/// Old lines `old` were replaced by new lines `new`. Both ranges are 1-based
/// and half-open; either may be empty. An empty `old` range `p..<p` means the
/// new lines were inserted before old line `p`; an empty `new` range means the
/// old lines were deleted (they would have stood before new line `new.lowerBound`).
public struct LineChange: Sendable, Hashable {
    public var old: Range<Int>
    public var new: Range<Int>

    public init(old: Range<Int>, new: Range<Int>) {
        self.old = old
        self.new = new
    }
}

/// A pure line diff (Myers O(ND), see `MyersDiff`) with Claude Code's
/// structuredPatch conventions. Line splitting: see `splitLines`.
public enum LineDiff {
    /// The marker jsdiff writes after a hunk line that has no trailing newline.
    public static let noNewlineMarker = "\\ No newline at end of file"

    /// Which old line ranges were replaced by which new ones, in file order.
    public static func changes(old: String, new: String) -> [LineChange] {
        changes(oldLines: splitLines(old), newLines: splitLines(new))
    }

    /// Unified-diff hunks like Claude Code's `structuredPatch` (jsdiff):
    /// 1-based `oldStart`/`newStart` (the first line the hunk covers; for an
    /// empty range the line it sits before, without unified diff's "-1" quirk),
    /// `context` unchanged lines around each change, changes closer than
    /// `2 * context` lines merged into one hunk, removed lines before added
    /// ones, and `\ No newline at end of file` after an unterminated last line.
    public static func hunks(old: String, new: String, context: Int = 3) -> [EditHunk] {
        let oldLines = splitLines(old)
        let newLines = splitLines(new)
        let changes = changes(oldLines: oldLines, newLines: newLines)
        return groups(of: changes, context: max(0, context)).map {
            hunk(for: $0, oldLines: oldLines, newLines: newLines, context: max(0, context))
        }
    }

    static func changes(oldLines: [TextLine], newLines: [TextLine]) -> [LineChange] {
        // A file written from nothing (or emptied) is one change; no need to hash every line.
        if oldLines.isEmpty || newLines.isEmpty {
            guard !(oldLines.isEmpty && newLines.isEmpty) else { return [] }
            return [LineChange(old: 1..<(oldLines.count + 1), new: 1..<(newLines.count + 1))]
        }
        let (deleted, inserted) = MyersDiff.edits(oldLines, newLines)

        var result: [LineChange] = []
        var i = 0, j = 0
        while i < oldLines.count || j < newLines.count {
            if i < oldLines.count, j < newLines.count, !deleted[i], !inserted[j] {
                i += 1; j += 1
                continue
            }
            let oldStart = i, newStart = j
            while i < oldLines.count, deleted[i] { i += 1 }
            while j < newLines.count, inserted[j] { j += 1 }
            result.append(LineChange(old: (oldStart + 1)..<(i + 1), new: (newStart + 1)..<(j + 1)))
        }
        return result
    }

    /// Splits changes into runs whose context would overlap or touch.
    private static func groups(of changes: [LineChange], context: Int) -> [[LineChange]] {
        var groups: [[LineChange]] = []
        for change in changes {
            if let last = groups.last?.last, change.old.lowerBound - last.old.upperBound <= 2 * context {
                groups[groups.count - 1].append(change)
            } else {
                groups.append([change])
            }
        }
        return groups
    }

    private static func hunk(
        for group: [LineChange], oldLines: [TextLine], newLines: [TextLine], context: Int
    ) -> EditHunk {
        // 0-based indices from here on.
        let first = group[0], last = group[group.count - 1]
        let oldStart = max(0, first.old.lowerBound - 1 - context)
        let oldEnd = min(oldLines.count, last.old.upperBound - 1 + context)
        let newStart = first.new.lowerBound - 1 - (first.old.lowerBound - 1 - oldStart)
        let newEnd = last.new.upperBound - 1 + (oldEnd - (last.old.upperBound - 1))

        var lines: [String] = []
        func append(_ prefix: String, _ line: TextLine) {
            lines.append(prefix + line.text)
            if !line.isTerminated { lines.append(noNewlineMarker) }
        }
        var oldIndex = oldStart
        for change in group {
            while oldIndex < change.old.lowerBound - 1 { append(" ", oldLines[oldIndex]); oldIndex += 1 }
            for index in change.old { append("-", oldLines[index - 1]) }
            for index in change.new { append("+", newLines[index - 1]) }
            oldIndex = change.old.upperBound - 1
        }
        while oldIndex < oldEnd { append(" ", oldLines[oldIndex]); oldIndex += 1 }

        return EditHunk(
            oldStart: oldStart + 1, oldLines: oldEnd - oldStart,
            newStart: newStart + 1, newLines: newEnd - newStart, lines: lines
        )
    }
}
