import Foundation

/// What the detector remembers about one harness session.
struct SessionState: Sendable {
    var harness: Harness
    var sessionID: String
    var info: SessionInfo?
    /// The artifact in force for the agent's outputs: the last skill, command or
    /// instructions file activated in the main conversation.
    /// Ends when the user types a new instruction (see `Detector.ingest`).
    var activeArtifact: ArtifactRef?
    /// A tracked instructions file (AGENTS.md, CLAUDE.md): in force for the whole session.
    var instructions: ArtifactRef?
    /// Subagent id → the subagent artifact its outputs belong to.
    var subagentArtifacts: [String: ArtifactRef?] = [:]
    /// Subagent activations not yet tied to an agent id, oldest first. A
    /// built-in subagent type carries the artifact that launched it (or nil).
    var pendingSubagents: [ArtifactRef?] = []
    /// Absolute file path → what the agent wrote there.
    var files: [String: AgentFile] = [:]
    /// The agent's last output: what a chat correction or rejection speaks about.
    var lastOutput: AgentOutput?
    /// The agent's last words (its claims and questions) and when it said them.
    var lastAgentText: String?
    var lastOutputAt: Date?
    /// A rejection that came without words; the next typed message is its reason.
    var rejectionAwaitingReason: RejectedProposal?
    /// The user stopped the agent since they last typed: the next typed message
    /// redirects the last output. (Some harnesses record the stop before the
    /// output's text, so the output is looked up when the user types.)
    var interrupted = false
    /// Recent typed messages, to notice an instruction repeated because it was not followed.
    var recentInstructions: [RecentInstruction] = []
    /// Agent edits since the user last typed: what a rollback undoes.
    var editsSinceUserMessage: [String] = []
    /// The latest event time seen in this session (transcript time, not arrival).
    var lastActivity: Date?

    /// Remembers a typed message by its content words (`RecentInstruction.words(of:)`).
    mutating func remember(instruction words: Set<String>, artifact: ArtifactRef?) {
        recentInstructions.append(RecentInstruction(words: words, artifact: artifact))
        if recentInstructions.count > 8 { recentInstructions.removeFirst() }
        editsSinceUserMessage = []
    }

    init(harness: Harness, sessionID: String) {
        self.harness = harness
        self.sessionID = sessionID
    }
}

/// A file the agent changed in this session.
struct AgentFile: Sendable {
    /// The file's content before the agent first touched it (nil = the agent
    /// created it), as a digest: it is only ever compared with the file, and
    /// keeping every original text of a long history cost most of loopd's memory.
    var original: ContentDigest?
    /// The content the file should have if nobody but the agent touched it.
    var expected: String
    /// 1-based line numbers, in `expected`, of lines the agent wrote.
    var agentLines: Set<Int>
    var artifact: ArtifactRef?
    /// The edit that last wrote it.
    var position: TranscriptPosition
}

/// A text's length and hash: equal texts have equal digests; unequal texts
/// collide with a chance of 2⁻⁶⁴. Hashes are seeded per process, so a digest
/// lives in memory only and is never stored.
public struct ContentDigest: Hashable, Sendable {
    public var length: Int
    public var hash: Int

    public init(_ text: String) {
        length = text.utf8.count
        hash = text.hashValue
    }
}

/// The agent's last output in the conversation.
struct AgentOutput: Sendable {
    var artifact: ArtifactRef?
    var position: TranscriptPosition
    /// A short description or text of the output ("edited README.md", or the message).
    var text: String
    var file: String?
}

/// A typed instruction, reduced to its content words.
struct RecentInstruction: Sendable {
    var words: Set<String>
    var artifact: ArtifactRef?

    static func words(of text: String) -> Set<String> {
        let stop: Set<String> = ["the", "a", "an", "to", "of", "and", "in", "on", "for", "is", "it", "this", "that", "with", "please", "again", "i", "you", "we", "be", "as", "at", "or", "all"]
        let normalized = CorrectionLanguage.normalize(text)
        let runs = ASCIIWords.alphanumericRuns(normalized) ?? normalized.split { !$0.isLetter && !$0.isNumber }
        return Set(runs.map(String.init).filter { $0.count > 1 && !stop.contains($0) })
    }

    /// Jaccard similarity of the content words.
    func similarity(to other: Set<String>) -> Double {
        let union = words.union(other).count
        return union == 0 ? 0 : Double(words.intersection(other).count) / Double(union)
    }
}

struct RejectedProposal: Sendable {
    var toolCallID: String
    var artifact: ArtifactRef?
    var position: TranscriptPosition
}

/// A change seen on disk, waiting `transcriptLag` for a transcript line that
/// would explain it as the agent's own write.
public struct PendingFileChange: Sendable, Hashable {
    public var path: String
    public var content: String
    public var seenAt: Date
    public var deadline: Date
}
