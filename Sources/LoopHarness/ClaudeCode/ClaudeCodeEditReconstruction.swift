import LoopCore

/// Rebuilds what a file-editing tool wrote: the text after the edit and the
/// hunks. Claude Code records the pre-edit text (`originalFile`) and usually the
/// hunks (`structuredPatch`) but never the post-edit text, so it is recomputed
/// here by applying the tool's replacements the way the tool does.
enum ClaudeCodeEditReconstruction {
    struct Replacement: Sendable, Hashable {
        var old: String
        var new: String
        var replaceAll: Bool
    }

    /// Applies replacements in order, as Edit (one) and MultiEdit (several) do.
    /// Nil when a replacement's old text is not in the file: the recorded
    /// original and the applied edit disagree, so no honest "after" exists.
    ///
    /// Matching is on UTF-8 bytes, like the tool's own exact string
    /// search, and not Foundation's `range(of:)`, which bridges to NSString and
    /// was the largest single cost of decoding a transcript.
    static func apply(_ replacements: [Replacement], to original: String?) -> String? {
        var text = Array((original ?? "").utf8)
        for replacement in replacements {
            let old = Array(replacement.old.utf8)
            let new = Array(replacement.new.utf8)
            if old.isEmpty {
                // Edit with an empty old_string creates a file (or fills an empty one).
                guard text.isEmpty else { return nil }
                text = new
                continue
            }
            guard var found = ByteSearch.firstIndex(of: old, in: text, from: 0) else { return nil }
            var result: [UInt8] = []
            result.reserveCapacity(text.count + new.count)
            var copied = 0
            while true {
                result.append(contentsOf: text[copied..<found])
                result.append(contentsOf: new)
                copied = found + old.count
                guard replacement.replaceAll, let next = ByteSearch.firstIndex(of: old, in: text, from: copied) else { break }
                found = next
            }
            result.append(contentsOf: text[copied...])
            text = result
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Hunks from a `structuredPatch` value; nil when absent or malformed.
    static func hunks(fromStructuredPatch value: JSONValueView?) -> [EditHunk]? {
        guard let array = value?.array else { return nil }
        var hunks: [EditHunk] = []
        for element in array {
            guard let object = element.object,
                  let oldStart = object.int("oldStart"), let oldLines = object.int("oldLines"),
                  let newStart = object.int("newStart"), let newLines = object.int("newLines"),
                  let lines = Self.strings(object.array("lines"))
            else { return nil }
            hunks.append(EditHunk(
                oldStart: oldStart, oldLines: oldLines, newStart: newStart, newLines: newLines, lines: lines))
        }
        return hunks
    }

    /// All elements as strings; nil when any is not a string.
    private static func strings(_ values: [JSONValueView]?) -> [String]? {
        guard let values else { return nil }
        var result: [String] = []
        result.reserveCapacity(values.count)
        for value in values {
            guard let text = value.string else { return nil }
            result.append(text)
        }
        return result
    }
}
