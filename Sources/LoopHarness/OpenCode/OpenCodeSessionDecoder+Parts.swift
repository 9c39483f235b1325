import Foundation
import LoopCore

extension OpenCodeSessionDecoder {
    /// The error text OpenCode stores when the user denies a permission prompt;
    /// with feedback it continues " with the following feedback: <text>".
    static let rejectionText = OpenCodePermissionError.rejectionText

    /// Tools whose completed state is a file change.
    static let editTools: Set<String> = ["edit", "write", "apply_patch", "patch", "multiedit"]

    /// Decodes one part. Every event is recorded in the seen-set under the part
    /// id and what it stands for, so a part seen again (OpenCode rewrites it as it
    /// streams) emits nothing new. Parts of a message not yet decoded are skipped
    /// without being remembered, so they count once the message is known.
    public mutating func decode(part: [String: Any]) -> [NormalizedEvent] {
        guard let id = part.string("id"), let type = part.string("type") else { return [] }
        adoptSessionID(part.string("sessionID"))
        let messageID = part.string("messageID")
        let message = messageID.flatMap { messages[$0] }
        switch type {
        case "text":
            guard let message else { return [] }
            return decodeText(part, id: id, messageID: messageID, message: message)
        case "tool":
            return decodeTool(part, id: id, messageID: messageID, created: message?.created)
        case "subtask":
            // A `/command` with `subtask: true` is stored as a subtask part naming
            // the command; the subagent itself shows up as the `task` tool call that follows.
            guard let command = part.string("command"), !command.isEmpty, remember("command:\(id)") else { return [] }
            let ref = ArtifactRef(kind: .command, name: command)
            return [event(.artifactActivated(ref), recordID: messageID, timestamp: message?.created)]
        default:
            // reasoning, file, agent (an @mention: the `task` call it asks for is
            // what runs the agent), step-*, snapshot, patch, retry, compaction, ...
            return []
        }
    }

    private mutating func decodeText(
        _ part: [String: Any], id: String, messageID: String?, message: MessageSummary
    ) -> [NormalizedEvent] {
        guard let text = part.string("text"), !text.allSatisfy(\.isWhitespace) else { return [] }
        switch message.role {
        case "user":
            // synthetic: harness-generated (file reads, @agent instructions); ignored: not sent to the model.
            guard part.bool("synthetic") != true, part.bool("ignored") != true, remember("text:\(id)") else { return [] }
            return [event(.userMessage(text), recordID: messageID, timestamp: message.created)]
        case "assistant":
            // A streaming text part has time.start only; wait for time.end (or the
            // message's end) so the claim is the whole text, not a prefix.
            let time = part.object("time")
            let done = time == nil || time?["end"] != nil || message.finished
            guard part.bool("synthetic") != true, let messageID else { return [] }
            guard done else {
                // Kept until the message ends, in case the part is never rewritten
                // (an aborted turn leaves its last text part without time.end).
                unfinishedTexts[messageID, default: [:]][id] = text
                return []
            }
            unfinishedTexts[messageID]?[id] = nil
            guard remember("text:\(id)") else { return [] }
            let when = time.flatMap { Self.date($0["end"]) } ?? message.created
            return [event(.agentMessage(text), recordID: messageID, timestamp: when)]
        default:
            return []
        }
    }

    private mutating func decodeTool(
        _ part: [String: Any], id: String, messageID: String?, created: Date?
    ) -> [NormalizedEvent] {
        guard let tool = part.string("tool"), let state = part.object("state"),
              let status = state.string("status") else { return [] }
        let callID = part.string("callID") ?? id
        let input = state.object("input") ?? [:]
        let time = state.object("time")
        let when = time.flatMap { Self.date($0["end"]) } ?? time.flatMap { Self.date($0["start"]) } ?? created
        var events: [NormalizedEvent] = []

        // The subagent starts as soon as the call runs, whatever its outcome.
        if tool == "task", status != "pending", let agent = input.string("subagent_type"), !agent.isEmpty,
           remember("task:\(id)") {
            events.append(event(.artifactActivated(ArtifactRef(kind: .agent, name: agent)), recordID: messageID, timestamp: when))
        }

        switch status {
        case "completed":
            if tool == "skill", let name = input.string("name"), remember("\(id):completed") {
                events.append(event(.artifactActivated(ArtifactRef(kind: .skill, name: name)), recordID: messageID, timestamp: when))
            } else if Self.editTools.contains(tool), remember("\(id):completed") {
                for edit in OpenCodeToolEdits.edits(tool: tool, callID: callID, input: input, metadata: state.object("metadata") ?? [:]) {
                    events.append(event(.agentEdited(edit), recordID: messageID, timestamp: when))
                }
            }
        case "error":
            // Only a person's refusal is a rejection: a `deny` rule is configuration.
            switch OpenCodePermissionError(state["error"]) {
            case .corrected(let reason)? where remember("\(id):error"):
                events.append(event(.toolRejected(toolCallID: callID, userReason: reason), recordID: messageID, timestamp: when))
            case .rejected? where remember("\(id):error"):
                events.append(event(.toolRejected(toolCallID: callID, userReason: nil), recordID: messageID, timestamp: when))
            default:
                break
            }
        default:
            break
        }
        return events
    }
}
