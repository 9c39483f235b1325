import Foundation
import LoopCore

/// The file changes a completed edit/write/apply_patch/patch tool part made
/// (reference/harness-formats.md §3.3). Hunks come from the unified diff
/// OpenCode stored; when it stored none, from before/after via LineDiff.
enum OpenCodeToolEdits {
    static func edits(tool: String, callID: String, input: [String: Any], metadata: [String: Any]) -> [AgentEdit] {
        let files = metadata.objects("files")
        if !files.isEmpty {
            // apply_patch (1.1+): one entry per file with its own diff and before/after.
            return files.compactMap { fileEdit($0, tool: tool, callID: callID) }
        }
        switch tool {
        case "edit", "multiedit":
            return singleFileEdit(tool: tool, callID: callID, input: input, metadata: metadata)
        case "write":
            return writeEdit(callID: callID, input: input, metadata: metadata)
        default:
            // Older `patch` / apply_patch without a file list: the diff names the files.
            return diffEdits(metadata.string("diff"), tool: tool, callID: callID)
        }
    }

    /// One `metadata.files[]` entry: `{filePath, relativePath, type, diff, before, after, movePath?}`.
    private static func fileEdit(_ entry: [String: Any], tool: String, callID: String) -> AgentEdit? {
        guard let filePath = entry.string("filePath") else { return nil }
        let type = entry.string("type")
        let file = type == "move" ? (entry.string("movePath") ?? filePath) : filePath
        // An added file had no before; a deleted one has no after (both stored as "").
        let before = type == "add" ? nil : entry.string("before")
        let after = type == "delete" ? nil : entry.string("after")
        let hunks = hunks(diff: entry.string("diff"), before: before, after: after)
        return AgentEdit(file: file, before: before, after: after, hunks: hunks, toolCallID: callID, tool: tool)
    }

    /// `edit`: input `{filePath, oldString, newString}`; metadata `{diff, filediff: {file, before, after}}`.
    private static func singleFileEdit(
        tool: String, callID: String, input: [String: Any], metadata: [String: Any]
    ) -> [AgentEdit] {
        let filediff = metadata.object("filediff")
        guard let file = input.string("filePath") ?? filediff?.string("file") else {
            return diffEdits(metadata.string("diff"), tool: tool, callID: callID)
        }
        let before = filediff?.string("before")
        let after = filediff?.string("after")
        let hunks = hunks(diff: metadata.string("diff") ?? filediff?.string("patch"), before: before, after: after)
        return [AgentEdit(file: file, before: before, after: after, hunks: hunks, toolCallID: callID, tool: tool)]
    }

    /// `write`: input `{filePath, content}`; metadata `{filepath, exists}`. The
    /// previous content is not stored, so an overwrite counts every line as written.
    private static func writeEdit(callID: String, input: [String: Any], metadata: [String: Any]) -> [AgentEdit] {
        guard let file = input.string("filePath") ?? metadata.string("filepath") else { return [] }
        let content = input.string("content")
        let hunks = hunks(diff: metadata.string("diff"), before: "", after: content)
        return [AgentEdit(file: file, before: nil, after: content, hunks: hunks, toolCallID: callID, tool: "write")]
    }

    private static func diffEdits(_ diff: String?, tool: String, callID: String) -> [AgentEdit] {
        guard let diff else { return [] }
        return OpenCodeUnifiedDiff.parse(diff).map {
            AgentEdit(file: $0.file, before: nil, after: nil, hunks: $0.hunks, toolCallID: callID, tool: tool)
        }
    }

    private static func hunks(diff: String?, before: String?, after: String?) -> [EditHunk] {
        if let diff {
            let parsed = OpenCodeUnifiedDiff.parse(diff).flatMap(\.hunks)
            if !parsed.isEmpty { return parsed }
        }
        guard let after else { return [] }
        return LineDiff.hunks(old: before ?? "", new: after)
    }
}
