import LoopCore

/// Hunks of the unified diffs Codex records in `patch_apply_end` changes
/// (`update.unified_diff`), and synthetic hunks for whole-file adds/deletes.
enum CodexUnifiedDiff {
    /// Parses `@@ -a,b +c,d @@` hunks; `---`/`+++` headers and anything before
    /// the first hunk are skipped. Nil when no hunk header is found.
    static func hunks(_ diff: String) -> [EditHunk]? {
        var hunks: [EditHunk] = []
        var lines = diff.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        if lines.last == "" { lines.removeLast() }
        for line in lines {
            if line.hasPrefix("@@"), let header = header(line) {
                hunks.append(EditHunk(
                    oldStart: header.oldStart, oldLines: header.oldLines,
                    newStart: header.newStart, newLines: header.newLines, lines: []))
            } else if !hunks.isEmpty, let first = line.first, " -+\\".contains(first) {
                hunks[hunks.count - 1].lines.append(line)
            } else if !hunks.isEmpty, line.isEmpty {
                hunks[hunks.count - 1].lines.append(" ")
            }
        }
        return hunks.isEmpty ? nil : hunks
    }

    /// The hunk that creates a file with `content`.
    static func additionHunk(_ content: String) -> [EditHunk] {
        let lines = contentLines(content)
        guard !lines.isEmpty else { return [] }
        return [EditHunk(oldStart: 0, oldLines: 0, newStart: 1, newLines: lines.count, lines: lines.map { "+" + $0 })]
    }

    /// The hunk that deletes a file whose text was `content`.
    static func deletionHunk(_ content: String) -> [EditHunk] {
        let lines = contentLines(content)
        guard !lines.isEmpty else { return [] }
        return [EditHunk(oldStart: 1, oldLines: lines.count, newStart: 0, newLines: 0, lines: lines.map { "-" + $0 })]
    }

    private static func contentLines(_ content: String) -> [String] {
        var lines = content.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    private struct Header { var oldStart, oldLines, newStart, newLines: Int }

    /// `@@ -12,3 +12,4 @@ optional section` → the four numbers (a missing count means 1).
    private static func header(_ line: String) -> Header? {
        let parts = line.split(separator: " ")
        guard parts.count >= 3, parts[1].hasPrefix("-"), parts[2].hasPrefix("+"),
              let old = range(parts[1].dropFirst()), let new = range(parts[2].dropFirst()) else { return nil }
        return Header(oldStart: old.start, oldLines: old.count, newStart: new.start, newLines: new.count)
    }

    private static func range(_ text: Substring) -> (start: Int, count: Int)? {
        let numbers = text.split(separator: ",", omittingEmptySubsequences: false)
        guard let start = Int(numbers[0]) else { return nil }
        if numbers.count == 1 { return (start, 1) }
        guard numbers.count == 2, let count = Int(numbers[1]) else { return nil }
        return (start, count)
    }
}
