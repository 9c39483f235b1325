import Foundation

extension Detector {
    /// The harness rolled the conversation back (Codex `thread_rolled_back`,
    /// OpenCode `/undo`). When the undone turns edited files, the user threw the
    /// agent's work away: a revert.
    mutating func rolledBack(turns: Int, event: NormalizedEvent, in session: inout SessionState, now: Date) -> [Decision] {
        guard let output = session.lastOutput, !session.editsSinceUserMessage.isEmpty else { return [] }
        let files = Set(session.editsSinceUserMessage + [output.file].compactMap { $0 })
        let names = files.map { ($0 as NSString).lastPathComponent }.sorted().joined(separator: ", ")
        let found = candidate(
            .revert, session: session, artifact: output.artifact, position: event.position, file: output.file,
            before: output.text, after: "", changedFraction: 1,
            note: "the user rolled back \(turns) turn\(turns == 1 ? "" : "s") that edited \(names)", now: now)
        session.editsSinceUserMessage = []
        return [gate(found)]
    }

    /// Claude Code noticed the user (or a linter) changed a file it had read,
    /// and recorded the changed lines. Counts when those lines are the agent's
    /// and differ from what it wrote in more than formatting.
    mutating func harnessSawUserEdit(file path: String, snippet: String, event: NormalizedEvent, in session: inout SessionState, now: Date) -> [Decision] {
        guard let file = session.files[path] else { return [] }
        let expected = LineDiff.splitLines(file.expected).map { String($0.text) }
        var before: [String] = []
        var after: [String] = []
        for (number, text) in Self.numberedLines(snippet) where file.agentLines.contains(number) && number <= expected.count {
            let agentLine = expected[number - 1]
            if LineChanges.canonical(agentLine) != LineChanges.canonical(text) {
                before.append(agentLine)
                after.append(text)
            }
        }
        let name = (path as NSString).lastPathComponent
        let found = candidate(
            .handEdit, session: session, artifact: file.artifact, position: event.position, file: path,
            before: before.joined(separator: "\n"), after: after.joined(separator: "\n"),
            changedFraction: file.agentLines.isEmpty ? nil : min(1, Double(after.count) / Double(file.agentLines.count)),
            note: "the harness recorded that the user changed \(after.count) line\(after.count == 1 ? "" : "s") the agent wrote in \(name)",
            now: now)
        guard !after.isEmpty else {
            return [dropped(found, .signal, "the recorded change to \(name) does not touch the agent's lines, or only their formatting")]
        }
        return [gate(found)]
    }

    /// `/harness-feedback [kind:name] text`: the user says it is a defect, so the
    /// iteration gate does not apply; attribution and de-bounce do.
    mutating func explicitFeedback(_ text: String, event: NormalizedEvent, in session: inout SessionState, now: Date) -> [Decision] {
        var words = String(text.trimmingWhitespace)
        var artifact = session.lastOutput?.artifact ?? session.activeArtifact ?? session.instructions
        if let first = words.split(separator: " ", maxSplits: 1).first, let colon = first.firstIndex(of: ":"),
           let kind = ArtifactKind(rawValue: String(first[..<colon])), first.index(after: colon) < first.endIndex {
            artifact = ArtifactRef(kind: kind, name: String(first[first.index(after: colon)...]))
            words = String(words.dropFirst(first.count)).trimmingCharacters(in: .whitespaces)
        }
        let found = candidate(
            .explicit, session: session, artifact: artifact, position: event.position, file: session.lastOutput?.file,
            before: session.lastOutput?.text ?? "", after: words, userText: words,
            note: "the user reported this explicitly", now: now)
        guard !words.isEmpty else { return [dropped(found, .signal, "explicit feedback without any text")] }
        return [gate(found)]
    }

    /// `12→text` (Claude Code 2.x) or `    12\ttext` lines of a snippet.
    static func numberedLines(_ snippet: String) -> [(Int, String)] {
        snippet.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line in
            let trimmed = line.drop { $0 == " " }
            let digits = trimmed.prefix { $0.isNumber }
            guard let number = Int(digits), number > 0 else { return nil }
            let rest = trimmed.dropFirst(digits.count)
            guard let separator = rest.first, separator == "→" || separator == "\t" else { return nil }
            return (number, String(rest.dropFirst()))
        }
    }

    /// The agent created `path` and the user deleted it: a revert.
    public mutating func fileDeleted(path: String, now: Date) -> [Decision] {
        guard let sessionID = owningSession(of: path), var session = sessions[sessionID],
              let file = session.files[path], file.original == nil, !file.agentLines.isEmpty else { return [] }
        defer { sessions[sessionID] = session }
        pendingChanges[path] = nil
        session.files[path] = nil
        let name = (path as NSString).lastPathComponent
        let found = candidate(
            .revert, session: session, artifact: file.artifact, position: file.position, file: path,
            before: file.expected, after: "", changedFraction: 1, note: "the user deleted \(name), which the agent had created", now: now)
        return [gate(found)]
    }
}
