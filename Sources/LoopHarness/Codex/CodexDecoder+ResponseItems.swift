import LoopCore

/// `response_item` lines: the model-visible history (tool calls and their
/// outputs, and the user-role messages that carry harness injections).
extension CodexDecoder {
    mutating func decodeResponseItem(_ payload: JSONObjectView, context: CodexLineContext) -> [NormalizedEvent] {
        switch payload.string("type") {
        case "message":
            // Assistant text is taken from event_msg agent_message instead.
            guard payload.string("role") == "user" || payload.string("role") == "developer" else { return [] }
            return decodeInjections(payload, context: context)
        case "function_call":
            return CodexToolCall(functionCall: payload).map { decodeToolCall($0, context: context) } ?? []
        case "custom_tool_call":
            return CodexToolCall(customToolCall: payload).map { decodeToolCall($0, context: context) } ?? []
        case "local_shell_call":
            return CodexToolCall(localShellCall: payload).map { decodeToolCall($0, context: context) } ?? []
        case "function_call_output", "custom_tool_call_output":
            guard let callID = payload.string("call_id") else { return [] }
            return decodeToolOutput(callID: callID, output: payload.value("output"), context: context.forCall(callID))
        default:
            // reasoning, web_search_call, compaction, ...
            return []
        }
    }

    /// AGENTS.md ("# AGENTS.md instructions for <dir>" or `<user_instructions>`)
    /// and skill (`<skill>…</skill>`) blocks Codex adds to the conversation.
    private mutating func decodeInjections(_ payload: JSONObjectView, context: CodexLineContext) -> [NormalizedEvent] {
        var events: [NormalizedEvent] = []
        for item in payload.objects("content") {
            guard let text = item.string("text") else { continue }
            if let directory = CodexUserText.agentsInstructionsDirectory(text) {
                let source = directory.hasPrefix("/") ? directory + "/AGENTS.md" : nil
                events += announceInstructions(sourcePath: source, context: context)
            } else if text.hasPrefix("<user_instructions>") {
                events += announceInstructions(sourcePath: nil, context: context)
            } else if let skill = CodexUserText.injectedSkill(text) {
                events += announceSkill(skill.name, sourcePath: skill.path, context: context)
            }
        }
        return events
    }

    private mutating func decodeToolCall(_ call: CodexToolCall, context: CodexLineContext) -> [NormalizedEvent] {
        if let patch = call.patch, let changes = CodexPatchParser.parse(patch), !changes.isEmpty {
            pendingPatches[call.callID] = PendingPatch(changes: changes, baseDirectory: call.workdir)
            return []
        }
        guard let command = call.commandText else { return [] }
        var events: [NormalizedEvent] = []
        for skill in CodexSkillReads.skills(readBy: command) {
            events += announceSkill(skill.name, sourcePath: skill.directory, context: context.forCall(call.callID))
        }
        return events
    }

    private mutating func decodeToolOutput(callID: String, output: JSONValueView?, context: CodexLineContext) -> [NormalizedEvent] {
        let pending = pendingPatches.removeValue(forKey: callID)
        switch CodexToolOutput.outcome(of: output) {
        case .rejectedByUser:
            guard settledCalls.insert(callID).inserted else { return [] }
            return [context.event(.toolRejected(toolCallID: callID, userReason: nil))]
        case .failed:
            settledCalls.insert(callID)
            return []
        case .succeeded:
            // Already settled by patch_apply_end, or not an apply_patch call.
            guard let pending, settledCalls.insert(callID).inserted else { return [] }
            return pending.changes.map { change in
                let edit = CodexEdits.edit(change, callID: callID) { absolutePath($0, base: pending.baseDirectory) }
                return context.event(.agentEdited(edit))
            }
        }
    }
}
