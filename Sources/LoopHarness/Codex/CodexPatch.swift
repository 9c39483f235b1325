import Foundation
import LoopCore

/// One file touched by an apply_patch patch, as the patch text describes it.
struct CodexPatchChange: Sendable, Hashable {
    enum Operation: String, Sendable, Hashable { case add, delete, update }

    var operation: Operation
    /// The path as written in the patch (usually relative to the working directory).
    var path: String
    /// `*** Move to:` target of an update.
    var movePath: String?
    /// Add: one hunk of all lines. Update: one hunk per `@@` chunk, with
    /// `oldStart`/`newStart` 0 because the patch locates chunks by context, not
    /// by line number. Delete: none (the patch does not carry the old text).
    var hunks: [EditHunk]
    /// The new file's text, for adds.
    var addedContent: String?
}

/// Parses Codex's patch grammar (the same in all three apply_patch generations):
///
///     *** Begin Patch
///     *** Add File: <path>        then "+line" lines
///     *** Delete File: <path>
///     *** Update File: <path>     optional "*** Move to: <path>", then chunks:
///     @@ [context]                " ", "-", "+" lines; "*** End of File"
///     *** End Patch
///
/// Lenient like Codex itself: CRLF, a missing `*** End Patch` and bare empty
/// lines inside a chunk (taken as empty context) are accepted.
enum CodexPatchParser {
    static let beginMarker = "*** Begin Patch"
    static let endMarker = "*** End Patch"

    /// Nil when the text holds no `*** Begin Patch`.
    static func parse(_ text: String) -> [CodexPatchChange]? {
        // "\r\n" is one Character in Swift, so split on any newline character.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        guard let begin = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == beginMarker }) else {
            return nil
        }
        var changes: [CodexPatchChange] = []
        var current: CodexPatchChange?
        var chunk: [String] = []

        func closeChunk() {
            guard !chunk.isEmpty, current?.operation == .update else { chunk = []; return }
            current?.hunks.append(updateHunk(chunk))
            chunk = []
        }
        func closeFile() {
            closeChunk()
            if var change = current {
                if change.operation == .add {
                    change.addedContent = change.hunks.first.map(addedText) ?? ""
                }
                changes.append(change)
            }
            current = nil
        }

        for line in lines[(begin + 1)...] {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed == endMarker { break }
            if let path = value(of: "*** Add File:", in: line) {
                closeFile()
                current = CodexPatchChange(operation: .add, path: path, hunks: [
                    EditHunk(oldStart: 0, oldLines: 0, newStart: 1, newLines: 0, lines: [])])
            } else if let path = value(of: "*** Delete File:", in: line) {
                closeFile()
                current = CodexPatchChange(operation: .delete, path: path, hunks: [])
            } else if let path = value(of: "*** Update File:", in: line) {
                closeFile()
                current = CodexPatchChange(operation: .update, path: path, hunks: [])
            } else if let path = value(of: "*** Move to:", in: line) {
                current?.movePath = path
            } else if line.hasPrefix("@@") {
                closeChunk()
            } else if trimmed == "*** End of File" {
                closeChunk()
            } else if current?.operation == .add {
                guard line.hasPrefix("+") else { continue }
                current?.hunks[0].lines.append(line)
                current?.hunks[0].newLines += 1
            } else if current?.operation == .update {
                if line.isEmpty { chunk.append(" ") } else if let first = line.first, " -+".contains(first) { chunk.append(line) }
            }
        }
        closeFile()
        return changes
    }

    private static func value(of prefix: String, in line: String) -> String? {
        guard line.hasPrefix(prefix) else { return nil }
        let value = line.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
        return value.isEmpty ? nil : value
    }

    private static func updateHunk(_ lines: [String]) -> EditHunk {
        let old = lines.filter { $0.first != "+" }.count
        let new = lines.filter { $0.first != "-" }.count
        return EditHunk(oldStart: 0, oldLines: old, newStart: 0, newLines: new, lines: lines)
    }

    /// Codex writes an added file as its lines joined by newlines, plus a final newline.
    private static func addedText(_ hunk: EditHunk) -> String {
        hunk.lines.isEmpty ? "" : hunk.lines.map { String($0.dropFirst()) }.joined(separator: "\n") + "\n"
    }
}
