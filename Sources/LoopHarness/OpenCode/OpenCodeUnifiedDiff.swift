import LoopCore

/// Parses the unified diffs OpenCode stores in tool metadata (jsdiff's
/// `createTwoFilesPatch` output: `Index:` / `===` / `---` / `+++` headers, then
/// `@@ -a,b +c,d @@` hunks) into `EditHunk`s, one entry per file.
enum OpenCodeUnifiedDiff {
    struct FileDiff: Equatable {
        /// The `+++` path (the `---` path when the file was deleted).
        var file: String
        var hunks: [EditHunk]
    }

    static func parse(_ text: String) -> [FileDiff] {
        var files: [FileDiff] = []
        var oldPath: String?
        var current: EditHunk?

        func closeHunk() {
            guard let hunk = current else { return }
            if files.isEmpty { files.append(FileDiff(file: oldPath ?? "", hunks: [])) }
            files[files.count - 1].hunks.append(hunk)
            current = nil
        }

        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            if line.hasPrefix("--- ") && current.map({ isComplete($0) }) != false {
                closeHunk()
                oldPath = path(in: line)
            } else if line.hasPrefix("+++ ") && current == nil {
                let newPath = path(in: line)
                let file = newPath == "/dev/null" ? (oldPath ?? newPath) : newPath
                files.append(FileDiff(file: file, hunks: []))
            } else if line.hasPrefix("@@ ") {
                closeHunk()
                current = header(line)
            } else if var hunk = current {
                guard let first = line.first, " +-\\".contains(first) else {
                    if !isComplete(hunk) && line.isEmpty {
                        // jsdiff never writes an empty context line, but a trimmed
                        // diff may have lost the space; keep counts consistent.
                        hunk.lines.append(" ")
                        current = hunk
                    } else {
                        closeHunk()
                    }
                    continue
                }
                hunk.lines.append(line)
                current = hunk
            }
        }
        closeHunk()
        return files.filter { !$0.hunks.isEmpty }
    }

    /// True once a hunk holds as many old and new lines as its header promised,
    /// so a following `--- ` line is a new file header and not a removed line.
    private static func isComplete(_ hunk: EditHunk) -> Bool {
        var old = 0, new = 0
        for line in hunk.lines {
            switch line.first {
            case "-": old += 1
            case "+": new += 1
            case "\\": break
            default: old += 1; new += 1
            }
        }
        return old >= hunk.oldLines && new >= hunk.newLines
    }

    private static func path(in header: String) -> String {
        let rest = header.dropFirst(4)
        // jsdiff appends "\t<header>" when one was given; paths themselves have no tabs here.
        return String(rest.split(separator: "\t", maxSplits: 1).first ?? rest)
    }

    /// `@@ -a,b +c,d @@`. Unified diff writes the line *before* an empty range
    /// (`-5,0` = after line 5); `EditHunk` wants the line it sits before, as LineDiff does.
    private static func header(_ line: String) -> EditHunk? {
        let fields = line.split(separator: " ")
        guard fields.count >= 3, fields[1].hasPrefix("-"), fields[2].hasPrefix("+") else { return nil }
        func range(_ field: Substring) -> (start: Int, count: Int)? {
            let parts = field.dropFirst().split(separator: ",", omittingEmptySubsequences: false)
            guard let start = Int(parts[0]) else { return nil }
            let count = parts.count > 1 ? Int(parts[1]) : 1
            guard let count else { return nil }
            return (count == 0 ? start + 1 : start, count)
        }
        guard let old = range(fields[1]), let new = range(fields[2]) else { return nil }
        return EditHunk(oldStart: old.start, oldLines: old.count, newStart: new.start, newLines: new.count, lines: [])
    }
}
