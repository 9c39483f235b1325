import LoopCore

/// `event_msg` lines: what the harness itself reports (typed prompts, agent
/// text, applied patches, interrupts, rollbacks).
extension CodexDecoder {
    mutating func decodeEventMessage(_ payload: JSONObjectView, context: CodexLineContext) -> [NormalizedEvent] {
        switch payload.string("type") {
        case "user_message":
            return decodeUserMessage(payload, context: context)
        case "agent_message":
            guard let text = payload.string("message"), !text.isEmpty else { return [] }
            return [context.event(.agentMessage(text))]
        case "patch_apply_end":
            return decodePatchApplyEnd(payload, context: context)
        case "turn_aborted":
            // "replaced", "review_ended", "budget_limited" are not the user stopping the agent.
            return payload.string("reason") == "interrupted" ? [context.event(.interrupted)] : []
        case "thread_rolled_back":
            guard let turns = payload.int("num_turns") else { return [] }
            return [context.event(.rolledBack(turns: turns))]
        default:
            // token_count, agent_reasoning, task_started/complete, context_compacted, ...
            return []
        }
    }

    /// The user's typed prompt. 0.4x builds also sent injected context as
    /// user_message events, marked by `kind` (`user_instructions`,
    /// `environment_context`); only `plain` (or no kind) is typed text.
    private mutating func decodeUserMessage(_ payload: JSONObjectView, context: CodexLineContext) -> [NormalizedEvent] {
        if let kind = payload.string("kind"), kind != "plain" { return [] }
        if isSubagentThread { return [] }  // the parent agent's task, not a person's typing
        guard let message = payload.string("message"), let text = CodexUserText.typedText(message) else { return [] }
        if let prompt = customPrompts.first(where: { $0.matches(text) }) {
            // An expanded custom prompt: the prompt is in force; its body is nobody's correction.
            return [context.event(.artifactActivated(ArtifactRef(kind: .command, name: prompt.name)))]
        }
        var events = [context.event(.userMessage(text))]
        if let prompt = CodexUserText.customPrompt(in: text, knownPrompts: customPromptNames) {
            events.append(context.event(.artifactActivated(ArtifactRef(kind: .command, name: prompt))))
        }
        for skill in CodexUserText.skillMentions(in: text) {
            events += announceSkill(skill, sourcePath: nil, context: context)
        }
        return events
    }

    /// `{call_id, success, status: completed|failed|declined, stderr, changes: {path: change}}`.
    /// Older builds have neither `status` nor `changes`; their edits come from
    /// the parsed patch when the call's output arrives.
    private mutating func decodePatchApplyEnd(_ payload: JSONObjectView, context: CodexLineContext) -> [NormalizedEvent] {
        guard let callID = payload.string("call_id") else { return [] }
        let callContext = context.forCall(callID)
        let status = payload.string("status")
        let stderr = payload.string("stderr") ?? ""
        if status == "declined" || stderr.hasPrefix("patch rejected by user") {
            pendingPatches[callID] = nil
            guard settledCalls.insert(callID).inserted else { return [] }
            return [callContext.event(.toolRejected(toolCallID: callID, userReason: nil))]
        }
        if status == "failed" || payload.bool("success") == false {
            pendingPatches[callID] = nil
            settledCalls.insert(callID)
            return []
        }
        guard let changes = payload.object("changes"), !changes.isEmpty, !settledCalls.contains(callID) else { return [] }
        settledCalls.insert(callID)
        let base = pendingPatches.removeValue(forKey: callID)?.baseDirectory
        var events: [NormalizedEvent] = []
        for file in changes.keys.sorted() {
            // A change type added later is skipped like any unknown field, not reported.
            guard let change = changes.object(file),
                  let edit = CodexEdits.edit(file: absolutePath(file, base: base), change: change, callID: callID,
                                             resolve: { absolutePath($0, base: base) })
            else { continue }
            events.append(callContext.event(.agentEdited(edit)))
        }
        return events
    }
}
