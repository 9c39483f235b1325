/// A replaced run of lines: old lines `old` (1-based, half-open; empty for a
/// pure insertion) became new lines `new`.
public struct LineChangeRun: Sendable, Hashable {
    public var old: Range<Int>
    public var new: Range<Int>
    public var removed: [String]
    public var added: [String]
}

/// Turns a line diff into replaced runs and maps agent-written line numbers
/// across a change of the file.
public enum LineChanges {
    public static func runs(old: String, new: String) -> [LineChangeRun] {
        let oldLines = LineDiff.splitLines(old)
        let newLines = LineDiff.splitLines(new)
        return LineDiff.changes(oldLines: oldLines, newLines: newLines).map { change in
            LineChangeRun(
                old: change.old, new: change.new,
                removed: change.old.map { String(oldLines[$0 - 1].text) },
                added: change.new.map { String(newLines[$0 - 1].text) })
        }
    }

    /// Where each old line number lands in the new file; nil when the line was replaced or removed.
    public static func map(_ lines: Set<Int>, through runs: [LineChangeRun]) -> Set<Int> {
        var result = Set<Int>()
        for line in lines {
            var shift = 0
            var replaced = false
            for run in runs {
                if run.old.contains(line) { replaced = true; break }
                let touchesBefore = run.old.isEmpty ? run.old.lowerBound <= line : run.old.upperBound <= line
                if touchesBefore { shift += run.new.count - run.old.count }
            }
            if !replaced { result.insert(line + shift) }
        }
        return result
    }

    /// True when the runs only change whitespace, quote style or trailing
    /// separators: what formatters do, not what people correct.
    public static func isFormattingOnly(_ runs: [LineChangeRun]) -> Bool {
        let before = runs.flatMap(\.removed).map(canonical).joined()
        let after = runs.flatMap(\.added).map(canonical).joined()
        return before == after
    }

    static func canonical(_ line: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in line.unicodeScalars {
            switch scalar {
            case " ", "\t", "\r", ",", ";": continue
            case "'", "`": out.append("\"")
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}
