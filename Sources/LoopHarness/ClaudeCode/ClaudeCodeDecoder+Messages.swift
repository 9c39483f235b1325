import Foundation
import LoopCore

/// Assistant and user lines: text, tool uses, commands, interrupts.
extension ClaudeCodeDecoder {
    static let interruptMarkers: Set<String> = [
        "[Request interrupted by user]", "[Request interrupted by user for tool use]",
    ]

    /// Prefixes of user text that Claude Code injects or echoes, not typed prose:
    /// command echoes and their output, background-task notices, the 2.0.x
    /// local-command caveat, reminders and `!` shell-mode echoes.
    static let injectedPrefixes = [
        "<command-", "<local-command-", "<task-notification>", "Caveat:", "<system-reminder>",
        "<bash-input>", "<bash-stdout>", "<bash-stderr>", "<user-prompt-submit-hook>",
    ]

    static let skillBaseDirectoryPrefix = "Base directory for this skill: "

    mutating func decodeAssistant(_ message: JSONObjectView, context: ClaudeCodeLineContext) -> [NormalizedEvent] {
        // Synthetic messages ("No response requested.", API errors) are not the model's words.
        if message.string("model") == "<synthetic>" { return [] }
        // A refused leg is retracted and retried with a fallback model: its words never stood.
        if message.string("stop_reason") == "refusal" { return [] }
        let messageID = message.string("id") ?? context.position.recordID ?? "line-\(context.position.line)"
        var events: [NormalizedEvent] = []
        for block in message.objects("content") {
            switch block.string("type") {
            case "text":
                guard let text = block.string("text"),
                      !text.isBlank,
                      seenAssistantTexts.insert(SeenText(messageID: messageID, text: text)).inserted else { continue }
                events.append(context.event(.agentMessage(text)))
            case "tool_use":
                guard let id = block.string("id"), let name = block.string("name"),
                      toolCalls[id] == nil, !answeredToolCalls.contains(id) else { continue }
                let input = block.object("input")
                toolCalls[id] = ClaudeCodeToolCall(name: name, input: input)
                if ClaudeCodeToolCall.subagentTools.contains(name),
                   let agentType = input?.string("subagent_type"), !agentType.isEmpty {
                    events.append(context.event(.artifactActivated(ArtifactRef(kind: .agent, name: agentType))))
                }
            default:
                continue  // thinking, images, server tools, future block types
            }
        }
        return events
    }

    mutating func decodeUser(_ line: JSONObjectView, message: JSONObjectView, context: ClaudeCodeLineContext) -> [NormalizedEvent] {
        // The summary written after compaction is the harness talking.
        if line.bool("isCompactSummary") == true { return [] }
        // Text Claude Code wrote itself (isMeta, or a prompt marked as injected) is nobody's typing.
        let isMeta = line.bool("isMeta") == true || ClaudeCodePromptOrigin.isInjected(line)

        if let text = message.string("content") {
            if isMeta { return [] }
            return decodeUserText([text], context: context)
        }
        guard let blocks = message.array("content") else {
            report(context.position.line, "user message content is neither text nor a list of blocks")
            return []
        }
        let objects = blocks.compactMap(\.object)
        let results = objects.filter { $0.string("type") == "tool_result" }
        if !results.isEmpty {
            var events: [NormalizedEvent] = []
            let denial = ClaudeCodeDenialKind(line.string("toolDenialKind"))
            for result in results {
                events += decodeToolResult(
                    result, toolUseResult: line.value("toolUseResult"), denial: denial, context: context)
            }
            return events
        }
        if isMeta { return [] }
        let texts = objects.filter { $0.string("type") == "text" }.compactMap { $0.string("text") }
        return decodeUserText(texts, context: context)
    }

    /// Text the user line carries outside tool results: an interrupt marker, a
    /// slash command echo, injected context, or what the user typed.
    private mutating func decodeUserText(_ texts: [String], context: ClaudeCodeLineContext) -> [NormalizedEvent] {
        var events: [NormalizedEvent] = []
        var typed: [String] = []
        for text in texts {
            let trimmed = String(text.trimmingWhitespace)
            if Self.interruptMarkers.contains(trimmed) {
                events.append(context.event(.interrupted))
            } else if trimmed.hasPrefix("<command-") {
                if let name = ClaudeCodeSlashCommands.customCommandName(in: trimmed) {
                    if ClaudeCodeSlashCommands.feedbackCommands.contains(name) {
                        // loop's own command: the user reports a defect explicitly.
                        events.append(context.event(.feedback(ClaudeCodeSlashCommands.arguments(in: trimmed) ?? "")))
                    } else {
                        events.append(context.event(.artifactActivated(ArtifactRef(kind: .command, name: name))))
                        attributionInForce = nil
                    }
                }
            } else if trimmed.isEmpty || Self.injectedPrefixes.contains(where: trimmed.hasPrefix) {
                continue
            } else if !context.isSidechain {
                // In a subagent the "user" is the parent agent handing over its task.
                typed.append(text)
            }
        }
        if !typed.isEmpty {
            attributionInForce = nil  // the detector drops the artifact in force at a new instruction
            events.append(context.event(.userMessage(typed.joined(separator: "\n"))))
        }
        return events
    }

    /// A held-back skill activation goes out with the next user or assistant
    /// line; if that line is the skill's "Base directory for this skill: <dir>"
    /// body, the directory becomes the artifact's source path.
    mutating func flushPendingSkill(unlessCompletedBy line: JSONObjectView) -> [NormalizedEvent] {
        guard let pending = pendingSkill else { return [] }
        pendingSkill = nil
        var sourcePath: String?
        if line.bool("isMeta") == true, let text = Self.plainText(of: line.object("message")),
           text.hasPrefix(Self.skillBaseDirectoryPrefix),
           line.string("sourceToolUseID").map({ $0 == pending.toolCallID }) ?? true {
            let rest = text.dropFirst(Self.skillBaseDirectoryPrefix.count)
            let directory = rest.prefix { $0 != "\n" }.trimmingCharacters(in: .whitespaces)
            sourcePath = directory.isEmpty ? nil : directory
        }
        let ref = ArtifactRef(kind: .skill, name: pending.name, sourcePath: sourcePath)
        attributionInForce = ref  // the stamps on the skill's own output add nothing
        return [pending.context.event(.artifactActivated(ref))]
    }

    /// The text of a message whose content is a string or starts with a text block.
    static func plainText(of message: JSONObjectView?) -> String? {
        guard let message else { return nil }
        if let text = message.string("content") { return text }
        return message.objects("content").first { $0.string("type") == "text" }?.string("text")
    }
}
