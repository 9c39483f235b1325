import Foundation

/// A harness-independent event. Every decoder turns its harness's records into
/// a stream of these, one stream per session; the detector only sees these.
public struct NormalizedEvent: Sendable, Hashable {
    public var harness: Harness
    /// The session this event belongs to. Subagent (sidechain) events carry the
    /// parent session's id and set `agentID`.
    public var sessionID: String
    /// Set for events from a subagent transcript.
    public var agentID: String?
    public var timestamp: Date?
    public var position: TranscriptPosition
    public var kind: Kind

    public init(
        harness: Harness, sessionID: String, agentID: String? = nil, timestamp: Date?,
        position: TranscriptPosition, kind: Kind
    ) {
        self.harness = harness
        self.sessionID = sessionID
        self.agentID = agentID
        self.timestamp = timestamp
        self.position = position
        self.kind = kind
    }

    public enum Kind: Sendable, Hashable {
        case sessionStarted(SessionInfo)
        /// A skill, command, subagent or instructions file starts to act.
        case artifactActivated(ArtifactRef)
        /// The conversation's own (primary) agent is a shipped one: what follows
        /// is its output (OpenCode's custom agents).
        case primaryAgent(ArtifactRef)
        case agentEdited(AgentEdit)
        /// The agent's text of a turn (claims like "added tests").
        case agentMessage(String)
        /// Only text the user typed: not tool results, injected context or command expansions.
        case userMessage(String)
        case toolRejected(toolCallID: String, userReason: String?)
        case interrupted
        case rolledBack(turns: Int)
        /// The harness itself recorded that the user (or a linter) changed a file.
        /// `snippet` holds the changed lines as `<number>→<text>` or `<number>\t<text>`.
        case userEditedFile(file: String, snippet: String)
        /// The user reported a defect explicitly (`/harness-feedback …`). The text
        /// may start with `kind:name` to say which artifact it is about.
        case feedback(String)
    }
}

public struct SessionInfo: Sendable, Hashable, Codable {
    public var cwd: String
    public var gitBranch: String?
    public var harnessVersion: String?

    public init(cwd: String, gitBranch: String? = nil, harnessVersion: String? = nil) {
        self.cwd = cwd
        self.gitBranch = gitBranch
        self.harnessVersion = harnessVersion
    }
}

/// A file change the agent made through a tool (Edit, Write, MultiEdit, apply_patch, ...).
public struct AgentEdit: Sendable, Hashable, Codable {
    /// Absolute path of the file.
    public var file: String
    /// Full file text before the edit, when the harness recorded it (nil on create or when unknown).
    public var before: String?
    /// Full file text after the edit, when known or computable.
    public var after: String?
    public var hunks: [EditHunk]
    public var toolCallID: String
    /// The tool that made the edit ("Edit", "Write", "MultiEdit", "apply_patch", ...).
    public var tool: String

    public init(file: String, before: String?, after: String?, hunks: [EditHunk], toolCallID: String, tool: String) {
        self.file = file
        self.before = before
        self.after = after
        self.hunks = hunks
        self.toolCallID = toolCallID
        self.tool = tool
    }
}
