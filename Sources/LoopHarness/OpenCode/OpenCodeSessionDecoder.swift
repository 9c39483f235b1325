import Foundation
import LoopCore

/// Turns OpenCode's stored objects — session info, message info and parts, as
/// the JSON dictionaries OpenCode writes (export, database `data` columns,
/// storage/ files) — into normalized events. One decoder per OpenCode session.
///
/// OpenCode rewrites a part many times while it streams (a tool part goes
/// pending → running → completed), so every event is keyed (part id + what was
/// emitted) and emitted once: feeding the same or an updated object again is
/// safe, which is what lets the readers re-read rows freely.
///
/// Feed the session first, then each message before its parts; call
/// `decodeRevert(session:)` after the messages it may refer to.
/// Decisions: docs/harness-opencode.md.
public struct OpenCodeSessionDecoder: Sendable {
    /// Where the objects came from (export file, database, storage folder); goes into every event's position.
    public let path: String

    var sessionID: String?
    /// Set for a subagent (child) session: its own id, while `sessionID` is the parent's.
    var agentID: String?
    var announced = false
    var emitted: Set<String> = []
    var messages: [String: MessageSummary] = [:]
    var activePrimaryAgent: String?
    /// Assistant text parts still streaming: message id → part id → text so far.
    var unfinishedTexts: [String: [String: String]] = [:]

    struct MessageSummary: Sendable {
        var role: String
        var created: Date?
        var finished: Bool
    }

    public init(path: String) {
        self.path = path
    }

    /// Agents OpenCode ships; running them says nothing about an artifact the
    /// user's organisation wrote. `compaction`, `title` and `summary` are its hidden helpers.
    public static let builtInAgents: Set<String> = ["build", "plan", "general", "explore", "compaction", "title", "summary"]

    /// True once this message's info was decoded (a part needs its message's role).
    public func knowsMessage(_ messageID: String) -> Bool { messages[messageID] != nil }

    // MARK: - Session

    /// `sessionStarted`, once. A child session (`parentID`, a `task` subagent)
    /// reports the parent's id and its own id as `agentID`.
    public mutating func decode(session: [String: Any]) -> [NormalizedEvent] {
        guard let id = session.string("id") else { return [] }
        if let parent = session.string("parentID"), !parent.isEmpty {
            sessionID = parent
            agentID = id
        } else {
            sessionID = id
        }
        guard !announced else { return [] }
        announced = true
        let info = SessionInfo(cwd: session.string("directory") ?? "", harnessVersion: session.string("version"))
        let time = session.object("time").flatMap { Self.date($0["created"]) }
        return [event(.sessionStarted(info), recordID: id, timestamp: time)]
    }

    /// `/undo` sets `session.revert = {messageID, partID?, snapshot, diff}`: that
    /// message and everything after it are rolled back (files restored from the
    /// snapshot repo). `turns` counts the user messages from `messageID` on.
    public mutating func decodeRevert(session: [String: Any]) -> [NormalizedEvent] {
        guard let revert = session.object("revert"), let messageID = revert.string("messageID") else { return [] }
        guard remember("revert:\(messageID):\(revert.string("partID") ?? "")") else { return [] }
        // Message ids sort by creation time, so "from messageID on" is a string comparison.
        let turns = messages.filter { $0.key >= messageID && $0.value.role == "user" }.count
        let time = session.object("time").flatMap { Self.date($0["updated"]) }
        return [event(.rolledBack(turns: max(1, turns)), recordID: messageID, timestamp: time)]
    }

    // MARK: - Message

    /// Records the message's role and time for its parts; emits `interrupted`
    /// for an assistant message aborted by the user, and `artifactActivated(agent)`
    /// when the primary agent switches to one that is not built in.
    public mutating func decode(message: [String: Any]) -> [NormalizedEvent] {
        guard let id = message.string("id"), let role = message.string("role") else { return [] }
        adoptSessionID(message.string("sessionID"))
        let time = message.object("time")
        let created = time.flatMap { Self.date($0["created"]) }
        let finished = time?["completed"] != nil || message["error"] != nil
        messages[id] = MessageSummary(role: role, created: created, finished: finished)

        var events: [NormalizedEvent] = []
        if role == "assistant" {
            // `mode` is the older name of `agent`.
            // Every answer of a custom primary agent is that agent's output, so it is
            // announced per message (the detector ends an artifact's scope at a new instruction).
            if let agent = message.string("agent") ?? message.string("mode") {
                activePrimaryAgent = agent
                if !Self.builtInAgents.contains(agent), remember("agent:\(id)") {
                    events.append(event(.primaryAgent(ArtifactRef(kind: .agent, name: agent)), recordID: id, timestamp: created))
                }
            }
            if finished, let texts = unfinishedTexts.removeValue(forKey: id) {
                for (partID, text) in texts.sorted(by: { $0.key < $1.key }) where remember("text:\(partID)") {
                    events.append(event(.agentMessage(text), recordID: id, timestamp: created))
                }
            }
            if message.object("error")?.string("name") == "MessageAbortedError", remember("aborted:\(id)") {
                let when = time.flatMap { Self.date($0["completed"]) } ?? created
                events.append(event(.interrupted, recordID: id, timestamp: when))
            }
        }
        return events
    }

    // MARK: - Helpers

    /// Parts and messages name their session; use it until the session info arrives.
    mutating func adoptSessionID(_ id: String?) {
        if sessionID == nil, let id, !id.isEmpty { sessionID = id }
    }

    /// Inserts the key; false when it was already there (the event was emitted before).
    mutating func remember(_ key: String) -> Bool {
        emitted.insert(key).inserted
    }

    func event(_ kind: NormalizedEvent.Kind, recordID: String?, timestamp: Date?) -> NormalizedEvent {
        NormalizedEvent(
            harness: .opencode, sessionID: sessionID ?? "", agentID: agentID, timestamp: timestamp,
            position: TranscriptPosition(path: path, line: 0, byteOffset: 0, recordID: recordID),
            kind: kind)
    }

    /// OpenCode times are epoch milliseconds.
    static func date(_ value: Any?) -> Date? {
        guard let number = value as? NSNumber else { return nil }
        return Date(timeIntervalSince1970: number.doubleValue / 1000)
    }
}
