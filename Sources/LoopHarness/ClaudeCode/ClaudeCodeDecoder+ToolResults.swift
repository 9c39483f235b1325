import Foundation
import LoopCore

/// Tool result blocks: rejections, file edits, skill launches.
extension ClaudeCodeDecoder {
    /// Start of the tool result Claude Code writes when the user denies a tool
    /// use (2.0.x and 2.1.x alike; only `toolUseResult` changed between them).
    static let rejectionText = "The user doesn't want to proceed with this tool use"
    /// Introduces the reason the user typed at the permission prompt.
    static let rejectionReasonMarker = "To tell you how to proceed, the user said:"

    mutating func decodeToolResult(
        _ result: JSONObjectView, toolUseResult: JSONValueView?, denial: ClaudeCodeDenialKind = .textDecides,
        context: ClaudeCodeLineContext
    ) -> [NormalizedEvent] {
        guard let id = result.string("tool_use_id"), answeredToolCalls.insert(id).inserted else { return [] }
        let isError = result.bool("is_error") == true
        // is_error is required: tool output (a Read of a transcript) can quote the text.
        // Only an error's text is read: a successful result's (a whole file, often) never is.
        if isError {
            let text = Self.resultText(result.value("content"))
            // A rule or the classifier refused: nothing ran, nobody objected.
            if denial == .notAPerson { return [] }
            if ByteSearch.contains(text, Self.rejectionText) || toolUseResult?.string == "User rejected tool use" {
                return [context.event(.toolRejected(toolCallID: id, userReason: Self.rejectionReason(in: text)))]
            }
        }
        // Failed tools wrote nothing: the error shows as is_error and/or an "Error: …" string.
        if isError || toolUseResult?.isString == true { return [] }
        let structured = toolUseResult?.object
        // Answered once: the call (a Write's whole content, say) is not kept for the rest of the session.
        let call = toolCalls.removeValue(forKey: id) ?? structured.flatMap(Self.inferredEditCall)
        guard let call else { return [] }

        if ClaudeCodeToolCall.fileEditingTools.contains(call.name), let structured {
            guard let edit = agentEdit(call: call, toolCallID: id, result: structured) else {
                report(context.position.line, "\(call.name) result without a file path")
                return []
            }
            return [context.event(.agentEdited(edit))]
        }
        // A subagent's transcript (2.1.3xx) records its successful edits without
        // any toolUseResult: the tool input is all there is.
        if ClaudeCodeToolCall.fileEditingTools.contains(call.name), toolUseResult == nil {
            return agentEditFromInput(call: call, toolCallID: id).map { [context.event(.agentEdited($0))] } ?? []
        }
        if call.name == "Skill", let name = call.skill ?? structured?.string("commandName") {
            let earlier = finish()  // two skills launched from one line: the first keeps no path
            pendingSkill = PendingSkill(toolCallID: id, name: name, context: context)
            return earlier
        }
        return []
    }

    /// Rebuilds the edit from `toolUseResult` (what was applied) and falls back
    /// to the tool input for anything the result leaves out.
    private func agentEdit(call: ClaudeCodeToolCall, toolCallID: String, result: JSONObjectView) -> AgentEdit? {
        guard let file = result.string("filePath") ?? result.string("notebook_path") ?? call.filePath else {
            return nil
        }
        let before = result.string("originalFile")
        var after: String?
        switch call.name {
        case "Write":
            after = result.string("content") ?? call.content
        case "Edit", "MultiEdit":
            let fromResult = ClaudeCodeToolCall.replacements(in: result)
            let replacements = fromResult.isEmpty ? call.replacements : fromResult
            // Without the original (1.0.x MultiEdit) the result cannot be rebuilt.
            if before != nil || replacements.first?.old.isEmpty == true {
                after = ClaudeCodeEditReconstruction.apply(replacements, to: before)
            }
        default:
            after = nil  // NotebookEdit: cell-level JSON edits; no line text to rebuild.
        }
        var hunks = ClaudeCodeEditReconstruction.hunks(fromStructuredPatch: result.value("structuredPatch")) ?? []
        // Write of a new file records an empty structuredPatch; older results may have none.
        if hunks.isEmpty, let after, after != (before ?? "") {
            hunks = LineDiff.hunks(old: before ?? "", new: after)
        }
        return AgentEdit(file: file, before: before, after: after, hunks: hunks, toolCallID: toolCallID, tool: call.name)
    }

    /// An edit known only from its tool input. Write: the content is the file,
    /// the earlier text unknown. Edit/MultiEdit: neither side of the file is
    /// known, so each replacement becomes a hunk at position 0 (unknown) that
    /// the daemon places in the file read from disk (`EditCompletion`), as for
    /// Codex patches. NotebookEdit: the file only.
    private func agentEditFromInput(call: ClaudeCodeToolCall, toolCallID: String) -> AgentEdit? {
        guard let file = call.filePath else { return nil }
        switch call.name {
        case "Write":
            guard let after = call.content else { return nil }
            return AgentEdit(file: file, before: nil, after: after, hunks: LineDiff.hunks(old: "", new: after), toolCallID: toolCallID, tool: call.name)
        case "Edit", "MultiEdit":
            let hunks = call.replacements.compactMap { replacement -> EditHunk? in
                let old = LineDiff.splitLines(replacement.old).map { "-" + $0.text }
                let new = LineDiff.splitLines(replacement.new).map { "+" + $0.text }
                guard !new.isEmpty else { return nil }  // a pure deletion leaves no agent line to find
                return EditHunk(oldStart: 0, oldLines: old.count, newStart: 0, newLines: new.count, lines: old + new)
            }
            return AgentEdit(file: file, before: nil, after: nil, hunks: hunks, toolCallID: toolCallID, tool: call.name)
        default:
            return AgentEdit(file: file, before: nil, after: nil, hunks: [], toolCallID: toolCallID, tool: call.name)
        }
    }

    /// When the tool use was not seen (e.g. tailing began mid-session), the
    /// result's own shape says which editing tool it was.
    static func inferredEditCall(_ result: JSONObjectView) -> ClaudeCodeToolCall? {
        // Only the members' kinds are looked at: a file's content is not decoded to see that it is a string.
        guard result.value("filePath")?.isString == true, result.contains("structuredPatch") else { return nil }
        let name: String
        if result.contains("edits") { name = "MultiEdit" }
        else if result.value("oldString")?.isString == true { name = "Edit" }
        else if result.value("content")?.isString == true { name = "Write" }
        else { return nil }
        return ClaudeCodeToolCall(name: name, input: nil)
    }

    /// A tool result's content: a string, or text blocks.
    static func resultText(_ content: JSONValueView?) -> String {
        if let text = content?.string { return text }
        guard let blocks = content?.array else { return "" }
        return blocks.compactMap { $0.object?.string("text") }.joined(separator: "\n")
    }

    /// What the user typed when rejecting, if anything.
    static func rejectionReason(in text: String) -> String? {
        guard let marker = text.range(of: rejectionReasonMarker) else { return nil }
        let reason = String(text[marker.upperBound...].trimmingWhitespace)
        return reason.isEmpty ? nil : reason
    }
}
