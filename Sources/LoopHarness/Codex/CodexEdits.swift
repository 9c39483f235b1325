import LoopCore

/// Builds `AgentEdit`s from the two places Codex records a patch. Codex keeps
/// no full file text, so `before`/`after` are set only where the record holds
/// them (an added file's content, a deleted file's old content); the daemon
/// reads the rest from disk.
enum CodexEdits {
    static let tool = "apply_patch"

    /// One `patch_apply_end` change: `{type: add, content}`, `{type: delete,
    /// content?}`, `{type: update, unified_diff, move_path?}`; older builds used
    /// the externally tagged `{add: {content}}` form. Nil for unknown shapes.
    static func edit(file: String, change: JSONObjectView, callID: String, resolve: (String) -> String) -> AgentEdit? {
        var type = change.string("type")
        var fields = change
        if type == nil, let key = ["add", "delete", "update"].first(where: { change.object($0) != nil }),
           let inner = change.object(key) {
            type = key
            fields = inner
        }
        switch type {
        case "add":
            let content = fields.string("content") ?? ""
            return AgentEdit(file: file, before: nil, after: content, hunks: CodexUnifiedDiff.additionHunk(content),
                             toolCallID: callID, tool: tool)
        case "delete":
            let content = fields.string("content")
            return AgentEdit(file: file, before: content, after: nil,
                             hunks: content.map(CodexUnifiedDiff.deletionHunk) ?? [], toolCallID: callID, tool: tool)
        case "update":
            // A move leaves the agent's lines at the new path.
            let target = fields.string("move_path").map(resolve) ?? file
            let hunks = fields.string("unified_diff").flatMap(CodexUnifiedDiff.hunks) ?? []
            return AgentEdit(file: target, before: nil, after: nil, hunks: hunks, toolCallID: callID, tool: tool)
        default:
            return nil
        }
    }

    /// One file of a parsed patch (used when no `patch_apply_end` changes exist).
    static func edit(_ change: CodexPatchChange, callID: String, resolve: (String) -> String) -> AgentEdit {
        switch change.operation {
        case .add:
            let hunks = change.hunks.filter { !$0.lines.isEmpty }
            return AgentEdit(file: resolve(change.path), before: nil, after: change.addedContent, hunks: hunks,
                             toolCallID: callID, tool: tool)
        case .delete:
            return AgentEdit(file: resolve(change.path), before: nil, after: nil, hunks: [], toolCallID: callID, tool: tool)
        case .update:
            return AgentEdit(file: resolve(change.movePath ?? change.path), before: nil, after: nil, hunks: change.hunks,
                             toolCallID: callID, tool: tool)
        }
    }
}
