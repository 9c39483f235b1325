import Foundation

extension Detector {
    /// The agent changed a file: remember which lines it wrote, and settle any
    /// change on disk that this edit explains (the transcript lags the disk).
    mutating func recordAgentEdit(_ edit: AgentEdit, event: NormalizedEvent, in session: inout SessionState, now: Date) -> [Decision] {
        let artifact = artifact(for: event, in: &session)
        session.rejectionAwaitingReason = nil
        session.editsSinceUserMessage.append(edit.file)
        session.lastOutput = AgentOutput(
            artifact: artifact, position: event.position,
            text: edit.hunks.flatMap { $0.lines.filter { $0.hasPrefix("+") }.map { String($0.dropFirst()) } }
                .joined(separator: "\n"),
            file: edit.file)
        var decisions: [Decision] = []
        if let pending = pendingChanges[edit.file] {
            if pending.content == edit.after {
                pendingChanges[edit.file] = nil  // the agent's own write, seen on disk first
            } else if let before = edit.before, pending.content == before {
                // The user changed the file before this edit: judge that change now.
                pendingChanges[edit.file] = nil
                decisions += evaluate(path: edit.file, content: pending.content, in: &session, now: now)
            }
        }
        guard let after = edit.after else { return decisions }
        let previous = session.files[edit.file]
        var agentLines = Set(edit.hunks.flatMap(\.addedLineNumbers))
        if let previous {
            let base = edit.before ?? previous.expected
            agentLines.formUnion(LineChanges.map(previous.agentLines, through: LineChanges.runs(old: base, new: after)))
        }
        session.files[edit.file] = AgentFile(
            original: previous == nil ? edit.before.map(ContentDigest.init) : previous?.original, expected: after,
            agentLines: agentLines, artifact: artifact, position: event.position)
        return decisions
    }

    /// The working-tree watcher saw `content` in `path`. Changes not explained
    /// by the agent wait `transcriptLag` before they are judged by `tick`.
    public mutating func fileChanged(path: String, content: String, now: Date) -> [Decision] {
        guard let sessionID = owningSession(of: path), let file = sessions[sessionID]?.files[path] else { return [] }
        if content == file.expected {
            pendingChanges[path] = nil
            return []
        }
        guard config.transcriptLag > 0 else {
            return evaluate(path: path, content: content, sessionID: sessionID, now: now)
        }
        let seenAt = pendingChanges[path]?.seenAt ?? now
        pendingChanges[path] = PendingFileChange(path: path, content: content, seenAt: seenAt, deadline: now.addingTimeInterval(config.transcriptLag))
        return []
    }

    /// Judges every pending change whose wait is over.
    public mutating func tick(now: Date) -> [Decision] {
        var decisions: [Decision] = []
        for change in pendingChanges.values.sorted(by: { $0.deadline < $1.deadline }) where change.deadline <= now {
            pendingChanges[change.path] = nil
            if let sessionID = owningSession(of: change.path) {
                decisions += evaluate(path: change.path, content: change.content, sessionID: sessionID, now: now)
            }
        }
        return decisions
    }

    /// The session whose agent wrote `path` most recently.
    func owningSession(of path: String) -> String? {
        sessions.values.filter { $0.files[path] != nil }
            .max { ($0.files[path]!.position.line, $0.sessionID) < ($1.files[path]!.position.line, $1.sessionID) }?
            .sessionID
    }

    private mutating func evaluate(path: String, content: String, sessionID: String, now: Date) -> [Decision] {
        guard var session = sessions[sessionID] else { return [] }
        defer { sessions[sessionID] = session }
        return evaluate(path: path, content: content, in: &session, now: now)
    }

    /// Hand edit or revert? Compares what the agent left with what is on disk.
    mutating func evaluate(path: String, content: String, in session: inout SessionState, now: Date) -> [Decision] {
        guard var file = session.files[path] else { return [] }
        defer { session.files[path] = file }
        let runs = LineChanges.runs(old: file.expected, new: content)
        let agentLinesBefore = file.agentLines
        file.expected = content
        file.agentLines = LineChanges.map(file.agentLines, through: runs)
        guard !runs.isEmpty else { return [] }
        let name = (path as NSString).lastPathComponent

        if let original = file.original, ContentDigest(content) == original, !agentLinesBefore.isEmpty {
            let found = candidate(
                .revert, session: session, artifact: file.artifact, position: file.position, file: path,
                before: runs.flatMap(\.removed).joined(separator: "\n"), after: runs.flatMap(\.added).joined(separator: "\n"),
                changedFraction: 1, note: "the user put \(name) back to its content from before the agent's edit", now: now)
            return [gate(found)]
        }
        let touching = runs.filter { overlaps($0, agentLinesBefore) }
        var found = candidate(
            .handEdit, session: session, artifact: file.artifact, position: file.position, file: path,
            before: touching.flatMap(\.removed).joined(separator: "\n"), after: touching.flatMap(\.added).joined(separator: "\n"),
            note: "", now: now)
        guard !touching.isEmpty else {
            return [dropped(found, .signal, "the user changed lines of \(name) the agent did not write")]
        }
        if LineChanges.isFormattingOnly(touching) {
            return [dropped(found, .signal, "only whitespace or formatting changed in \(name)")]
        }
        let changed = touching.reduce(0) { $0 + $1.old.filter { agentLinesBefore.contains($0) }.count }
        let total = max(agentLinesBefore.count, 1)
        found.changedFraction = min(1, Double(max(changed, 1)) / Double(total))
        found.note = "the user changed \(max(changed, 1)) of the \(agentLinesBefore.count) lines the agent wrote in \(name)"
        return [gate(found)]
    }

    /// A run touches the agent's lines when it replaces one of them, or inserts
    /// between two of them.
    func overlaps(_ run: LineChangeRun, _ agentLines: Set<Int>) -> Bool {
        if run.old.isEmpty {
            let at = run.old.lowerBound
            return agentLines.contains(at) && agentLines.contains(at - 1)
        }
        return run.old.contains { agentLines.contains($0) }
    }
}
