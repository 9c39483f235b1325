import Foundation

/// The correction detector: feed it normalized events and file contents seen on
/// disk; it returns decisions with their reasons. Pure and deterministic: time
/// comes in as arguments, nothing is read or written.
public struct Detector: Sendable {
    public var config: DetectorConfig
    var sessions: [String: SessionState] = [:]
    /// Gate 4 memory, loaded from the outbox at start so it survives restarts.
    public internal(set) var debounced: Set<DebounceKey>
    public internal(set) var pendingChanges: [String: PendingFileChange] = [:]
    /// The newest event time seen in any session: the clock `idleCutoff` measures against.
    var newestActivity: Date?

    public init(config: DetectorConfig = DetectorConfig(), debounced: Set<DebounceKey> = []) {
        self.config = config
        self.debounced = debounced
    }

    /// Files the agent wrote in any session: the working-tree watcher's interest list.
    public var agentWrittenFiles: Set<String> {
        Set(sessions.values.flatMap { $0.files.keys })
    }

    /// File → the transcript whose agent edit last wrote it.
    public var agentWrittenFileSources: [String: String] {
        var result: [String: String] = [:]
        for session in sessions.values {
            for (path, file) in session.files { result[path] = file.position.path }
        }
        return result
    }

    /// The working directories of known sessions.
    public var sessionDirectories: [String: String] {
        sessions.compactMapValues { $0.info?.cwd }
    }

    /// Sessions whose last event is before this are idle: `config.sessionMemory`
    /// before the newest event seen in any session. Measured on the
    /// transcripts' own clock, not the wall clock: reading months of history
    /// at first start leaves each old session behind once newer sessions have
    /// been read, whatever day loopd runs.
    public var idleCutoff: Date? {
        newestActivity.map { $0.addingTimeInterval(-config.sessionMemory) }
    }

    /// Forgets sessions idle since before `idleCutoff` (sessions without event
    /// times are kept): their files' hand edits are no longer judged, and an
    /// event arriving for one later starts it afresh. Returns how many were forgotten.
    @discardableResult
    public mutating func forgetIdleSessions() -> Int {
        guard let cutoff = idleCutoff else { return 0 }
        let idle = sessions.filter { _, session in session.lastActivity.map { $0 < cutoff } ?? false }.map(\.key)
        for id in idle { sessions[id] = nil }
        if !idle.isEmpty {
            // A change waiting for its transcript line is dropped only if no session still owns the file.
            pendingChanges = pendingChanges.filter { owningSession(of: $0.key) != nil }
        }
        return idle.count
    }

    /// The earliest moment `tick` has work to do, so the caller can sleep until then.
    public var nextDeadline: Date? {
        pendingChanges.values.map(\.deadline).min()
    }

    // MARK: - Transcript events

    public mutating func ingest(_ event: NormalizedEvent, now: Date) -> [Decision] {
        var session = sessions[event.sessionID] ?? SessionState(harness: event.harness, sessionID: event.sessionID)
        defer { sessions[event.sessionID] = session }
        var decisions: [Decision] = []
        if let time = event.timestamp {
            if time > (session.lastActivity ?? .distantPast) { session.lastActivity = time }
            if time > (newestActivity ?? .distantPast) { newestActivity = time }
        }
        switch event.kind {
        case .sessionStarted(let info):
            if session.info == nil { session.info = info }
        case .artifactActivated(let artifact):
            activate(artifact, in: &session, agentID: event.agentID)
        case .primaryAgent(let artifact):
            if event.agentID == nil { session.activeArtifact = artifact }
        case .agentEdited(let edit):
            decisions += recordAgentEdit(edit, event: event, in: &session, now: now)
        case .agentMessage(let text):
            session.lastOutput = AgentOutput(
                artifact: artifact(for: event, in: &session), position: event.position, text: text, file: nil)
            if event.agentID == nil {
                session.lastAgentText = text
                session.lastOutputAt = event.timestamp ?? session.lastOutputAt
            }
        case .userMessage(let text):
            guard event.agentID == nil else { break }  // a subagent's prompt is the parent agent's words
            let answersRejection = session.rejectionAwaitingReason != nil
            let words = RecentInstruction.words(of: text)  // once: a repeat check and the memory both need them
            decisions += userSaid(text, words: words, event: event, in: &session, now: now)
            // A new instruction starts new work: the skill or command that produced
            // the last output no longer speaks for what comes next. Corrections keep it.
            if !answersRejection, !decisions.contains(where: { $0.keepsArtifactInForce }) {
                session.activeArtifact = nil
            }
            session.interrupted = false
            session.remember(instruction: words, artifact: session.lastOutput?.artifact)
        case .toolRejected(let toolCallID, let reason):
            decisions += rejected(toolCallID, reason: reason, event: event, in: &session, now: now)
        case .interrupted:
            if event.agentID == nil { session.interrupted = true }
        case .rolledBack(let turns):
            decisions += rolledBack(turns: turns, event: event, in: &session, now: now)
        case .userEditedFile(let file, let snippet):
            decisions += harnessSawUserEdit(file: file, snippet: snippet, event: event, in: &session, now: now)
        case .feedback(let text):
            decisions += explicitFeedback(text, event: event, in: &session, now: now)
        }
        return decisions
    }

    private mutating func activate(_ artifact: ArtifactRef, in session: inout SessionState, agentID: String?) {
        if artifact.kind == .agent && agentID == nil {
            // A built-in subagent type is nobody's shipped artifact: its output
            // belongs to whatever skill or command launched it.
            let isBuiltIn = config.builtInAgents.contains(artifact.name)
            session.pendingSubagents.append(isBuiltIn ? session.activeArtifact : artifact)
        } else if artifact.kind == .instructions {
            session.instructions = artifact
        } else if agentID == nil {
            session.activeArtifact = artifact
        }
    }

    /// The artifact in force for an output: a subagent's outputs belong to the
    /// subagent; the main conversation's to the active skill or command.
    mutating func artifact(for event: NormalizedEvent, in session: inout SessionState) -> ArtifactRef? {
        guard let agentID = event.agentID else { return session.activeArtifact ?? session.instructions }
        if let known = session.subagentArtifacts[agentID] { return known ?? session.instructions }
        if !session.pendingSubagents.isEmpty {
            let artifact = session.pendingSubagents.removeFirst()
            session.subagentArtifacts[agentID] = artifact
            return artifact ?? session.instructions
        }
        return session.activeArtifact ?? session.instructions
    }
}
