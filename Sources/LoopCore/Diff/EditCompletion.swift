/// Some harnesses record an edit without the file's full text (Codex's
/// apply_patch gives only the changed lines, placed by context, not by line
/// number). The daemon reads the file right after the edit; this fills in the
/// rest: `after` from disk, hunk positions by finding their new-side lines in
/// it, and `before` by undoing the hunks.
public enum EditCompletion {
    public static func complete(_ edit: AgentEdit, currentContent: String) -> AgentEdit {
        guard edit.after == nil else { return edit }
        var completed = edit
        completed.after = currentContent
        let lines = LineDiff.splitLines(currentContent).map { String($0.text) }
        var placed: [EditHunk] = []
        var searchFrom = 0
        for hunk in edit.hunks {
            let newSide = hunk.lines.filter { !$0.hasPrefix("-") && !$0.hasPrefix("\\") }.map { String($0.dropFirst()) }
            guard !newSide.isEmpty, let start = find(newSide, in: lines, from: searchFrom) else { continue }
            let oldCount = hunk.lines.filter { !$0.hasPrefix("+") && !$0.hasPrefix("\\") }.count
            var fixed = hunk
            fixed.newStart = start + 1
            fixed.newLines = newSide.count
            fixed.oldLines = oldCount
            fixed.oldStart = start + 1 + placed.reduce(0) { $0 + $1.oldLines - $1.newLines }
            placed.append(fixed)
            searchFrom = start + newSide.count
        }
        completed.hunks = placed
        if edit.before == nil, !placed.isEmpty, placed.count == edit.hunks.count {
            completed.before = undo(placed, on: lines, terminated: currentContent.hasSuffix("\n"))
        }
        return completed
    }

    /// First index at or after `from` where `needle` appears as consecutive lines.
    static func find(_ needle: [String], in haystack: [String], from: Int) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var index = from
        while index + needle.count <= haystack.count {
            if haystack[index] == needle[0], Array(haystack[index..<(index + needle.count)]) == needle { return index }
            index += 1
        }
        return nil
    }

    /// The file before the hunks: each hunk's new side replaced by its old side.
    static func undo(_ hunks: [EditHunk], on lines: [String], terminated: Bool) -> String {
        var result: [String] = []
        var cursor = 0
        for hunk in hunks {
            let start = hunk.newStart - 1
            result += lines[cursor..<start]
            result += hunk.lines.filter { !$0.hasPrefix("+") && !$0.hasPrefix("\\") }.map { String($0.dropFirst()) }
            cursor = start + hunk.newLines
        }
        result += lines[cursor...]
        return result.joined(separator: "\n") + (terminated && !result.isEmpty ? "\n" : "")
    }
}
