/// One hunk of a unified diff, as Claude Code's `structuredPatch` writes it:
/// `lines` carry a one-character prefix (" " context, "-" removed, "+" added).
/// Line numbers are 1-based.
public struct EditHunk: Codable, Sendable, Hashable {
    public var oldStart: Int
    public var oldLines: Int
    public var newStart: Int
    public var newLines: Int
    public var lines: [String]

    public init(oldStart: Int, oldLines: Int, newStart: Int, newLines: Int, lines: [String]) {
        self.oldStart = oldStart
        self.oldLines = oldLines
        self.newStart = newStart
        self.newLines = newLines
        self.lines = lines
    }

    /// 1-based line numbers, in the new file, of the lines this hunk added.
    public var addedLineNumbers: [Int] {
        var result: [Int] = []
        var newLine = newStart
        for line in lines {
            switch line.first {
            case "+": result.append(newLine); newLine += 1
            case "-", "\\": break  // "\ No newline at end of file" is not a line
            default: newLine += 1
            }
        }
        return result
    }
}
