import Foundation
import LoopCore

/// Decodes one Claude Code transcript file (a session or a subagent file),
/// line by line, into normalized events. Create one per file and feed it the
/// lines in order; it keeps the little state that spans lines (tool calls
/// awaiting their result, sessions already announced, assistant blocks
/// already seen). Never throws: bad lines become `issues` and are skipped.
///
/// Decisions (see docs/harness-claude-code.md):
/// - `agentMessage` is emitted per assistant text block as it arrives, deduped
///   by message id + text. Claude Code writes one content block per line, so a
///   message split over lines yields its text blocks in order, each once.
/// - Edits, rejections and skill activations are emitted when the tool result
///   line arrives, because only then is it known whether the tool ran.
/// - Subagent activations (Task/Agent with `subagent_type`) are emitted at the
///   tool use, before anything the subagent does.
public struct ClaudeCodeDecoder: Sendable {
    public let path: String
    /// Lines the decoder could not use, in order.
    public private(set) var issues: [DecodeIssue] = []

    let agentIDFromPath: String?
    let sessionIDFromPath: String?
    var lastSessionID: String?
    var announcedSessions: Set<String> = []
    /// Assistant texts already emitted, by message; kept as a digest, not the text.
    var seenAssistantTexts = RecentSet<SeenText>(capacity: 4_096)
    var toolCalls: [String: ClaudeCodeToolCall] = [:]
    var answeredToolCalls = RecentSet<String>(capacity: 4_096)
    /// A skill whose tool result succeeded; emitted with the next conversational
    /// line, so the "Base directory for this skill: …" line can add its path.
    var pendingSkill: PendingSkill?
    /// The skill or agent the last `attribution*` stamp announced; nil once a
    /// typed prompt or a command starts new work.
    var attributionInForce: ArtifactRef?
    /// Records a later line retracted (`supersedesUuids`, `retractedMessageUuids`).
    var retractedRecords = RecentSet<String>(capacity: 1_024)

    /// A text block already emitted: its message id and a digest of the text,
    /// so a long session does not keep every answer the agent gave in memory.
    struct SeenText: Hashable, Sendable {
        var messageID: String
        var text: ContentDigest

        init(messageID: String, text: String) {
            self.messageID = messageID
            self.text = ContentDigest(text)
        }
    }

    struct PendingSkill: Sendable {
        var toolCallID: String
        var name: String
        var context: ClaudeCodeLineContext
    }

    public init(path: String) {
        self.path = path
        self.agentIDFromPath = ClaudeCodeLayout.agentIDFromPath(path)
        self.sessionIDFromPath = ClaudeCodeLayout.sessionIDFromPath(path)
    }

    /// Decodes one line (without its newline). `lineNumber` is 1-based,
    /// `byteOffset` is where the line starts in the file.
    public mutating func decode(line: some Collection<UInt8>, lineNumber: Int, byteOffset: Int64) -> [NormalizedEvent] {
        let object: JSONObjectView
        switch JSONLine.read(line) {
        case .blank: return []
        case .unreadable(let why):
            report(lineNumber, why)
            return []
        case .object(let read): object = read
        }
        guard let type = object.string("type") else {
            report(lineNumber, "line has no \"type\"")
            return []
        }
        if type == "assistant" || type == "system" { rememberRetractions(type: type, object) }
        if carriesNothing(type: type, object) || isRetracted(object) { return [] }
        let context = lineContext(object, lineNumber: lineNumber, byteOffset: byteOffset)
        var events: [NormalizedEvent] = []
        if type == "user" || type == "assistant" {
            events += flushPendingSkill(unlessCompletedBy: object)
        }
        events += sessionStartIfNew(object, context: context)

        switch type {
        case "assistant":
            guard let message = object.object("message") else {
                report(lineNumber, "assistant line without a message object")
                break
            }
            events += attribution(of: object, context: context)
            events += decodeAssistant(message, context: context)
        case "user":
            guard let message = object.object("message") else {
                report(lineNumber, "user line without a message object")
                break
            }
            events += decodeUser(object, message: message, context: context)
        case "attachment":
            events += decodeAttachment(object, context: context)
        default:
            // summary, system, progress, file-history-snapshot, queue-operation,
            // last-prompt, titles, and any type added later carry nothing we need.
            break
        }
        return events
    }

    /// Emits what is still held back at the end of a file (a skill activation
    /// whose base-directory line never came). Whole-file decoding calls it.
    public mutating func finish() -> [NormalizedEvent] {
        guard let pending = pendingSkill else { return [] }
        pendingSkill = nil
        attributionInForce = ArtifactRef(kind: .skill, name: pending.name)
        return [pending.context.event(.artifactActivated(ArtifactRef(kind: .skill, name: pending.name)))]
    }

    mutating func report(_ lineNumber: Int, _ message: String) {
        issues.append(DecodeIssue(path: path, line: lineNumber, message: message))
    }

    // MARK: - Envelope

    private mutating func lineContext(_ object: JSONObjectView, lineNumber: Int, byteOffset: Int64) -> ClaudeCodeLineContext {
        let sessionID = object.string("sessionId") ?? lastSessionID ?? sessionIDFromPath ?? ""
        if !sessionID.isEmpty { lastSessionID = sessionID }
        let isSidechain = object.bool("isSidechain") ?? false
        // Inline sidechain lines of 1.0.x main files carry no agent id at all.
        let agentID = object.string("agentId") ?? agentIDFromPath ?? (isSidechain ? "sidechain" : nil)
        return ClaudeCodeLineContext(
            sessionID: sessionID,
            agentID: agentID,
            isSidechain: isSidechain || agentIDFromPath != nil,
            timestamp: object.string("timestamp").flatMap(TranscriptTimestamp.parse),
            position: TranscriptPosition(
                path: path, line: lineNumber, byteOffset: byteOffset, recordID: object.string("uuid"))
        )
    }

    private mutating func sessionStartIfNew(_ object: JSONObjectView, context: ClaudeCodeLineContext) -> [NormalizedEvent] {
        // The session is checked before `cwd` is decoded: it is announced once, and read on every line.
        guard let sessionID = object.string("sessionId"), !announcedSessions.contains(sessionID),
              let cwd = object.string("cwd") else { return [] }
        announcedSessions.insert(sessionID)
        let branch = object.string("gitBranch").flatMap { $0.isEmpty ? nil : $0 }
        let info = SessionInfo(cwd: cwd, gitBranch: branch, harnessVersion: object.string("version"))
        return [context.event(.sessionStarted(info))]
    }

    // MARK: - Attachments

    private func decodeAttachment(_ object: JSONObjectView, context: ClaudeCodeLineContext) -> [NormalizedEvent] {
        guard let attachment = object.object("attachment"),
              attachment.string("type") == "edited_text_file",
              let file = attachment.string("filename") else { return [] }
        return [context.event(.userEditedFile(file: file, snippet: attachment.string("snippet") ?? ""))]
    }
}

/// What every event from one line shares.
struct ClaudeCodeLineContext: Sendable {
    var sessionID: String
    var agentID: String?
    var isSidechain: Bool
    var timestamp: Date?
    var position: TranscriptPosition

    func event(_ kind: NormalizedEvent.Kind) -> NormalizedEvent {
        NormalizedEvent(
            harness: .claudeCode, sessionID: sessionID, agentID: agentID,
            timestamp: timestamp, position: position, kind: kind)
    }
}
