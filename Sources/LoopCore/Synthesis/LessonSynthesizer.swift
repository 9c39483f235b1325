import Foundation

/// Turns a candidate that passed the gates into a draft lesson and its
/// evidence: deterministic, redacted before it leaves this function.
public struct LessonSynthesizer: Sendable {
    public var redactor: Redactor
    public var client: Lesson.Client
    /// Lines kept on each side of the excerpt.
    public var excerptLines: Int

    public init(redactor: Redactor, client: Lesson.Client = .init(name: "loopd", version: "0.1.0"), excerptLines: Int = 12) {
        self.redactor = redactor
        self.client = client
        self.excerptLines = excerptLines
    }

    /// The lesson and the evidence for a new candidate. `id` is a UUIDv7 and
    /// `now` the creation time, both from the caller (this type has no clock).
    public func synthesize(_ candidate: Candidate, id: String, now: Date) -> (lesson: Lesson, evidence: Evidence) {
        let artifact = candidate.artifact ?? ArtifactRef(kind: .skill, name: "unknown")
        let fileName = candidate.file.map { ($0 as NSString).lastPathComponent }
        let raw = [
            summary(for: candidate, artifact: artifact, fileName: fileName),
            Self.clip(candidate.before, lines: excerptLines),
            Self.clip(candidate.after, lines: excerptLines),
            candidate.file.map { relativePath($0, cwd: candidate.cwd) } ?? "",
            candidate.note,
        ]
        // Paths in this session's repository become relative to it.
        let redactor = candidate.cwd.map { self.redactor.rooted(at: $0) } ?? self.redactor
        let redacted = redactor.redact(raw, maxLengths: [Lesson.maxSummary, Lesson.maxExcerptSide, Lesson.maxExcerptSide, nil, nil])
        let texts = redacted.texts
        let lesson = Lesson(
            id: id, createdAt: ISO8601.string(now),
            harness: .init(name: candidate.harness.rawValue, version: candidate.harnessVersion),
            artifact: .init(kind: artifact.kind, name: redactor.redact([artifact.name], maxLength: Lesson.maxName).texts[0]),
            signal: candidate.signal, category: category(for: candidate), severity: severity(for: candidate),
            confidence: confidence(for: candidate),
            summary: texts[0],
            excerpt: .init(
                before: texts[1], after: texts[2],
                language: fileName.flatMap(Self.language(forFile:))),
            redactions: redacted.counts, client: client)
        let evidence = Evidence(
            signal: candidate.signal, sessionID: candidate.sessionID, transcriptPath: candidate.position.path,
            line: candidate.position.line, byteOffset: candidate.position.byteOffset, recordID: candidate.position.recordID,
            commit: nil, file: texts[3].isEmpty ? nil : texts[3], before: lesson.excerpt.before, after: lesson.excerpt.after,
            note: texts[4], observedAt: candidate.observedAt)
        return (lesson, evidence)
    }

    // MARK: - Fields

    func summary(for candidate: Candidate, artifact: ArtifactRef, fileName: String?) -> String {
        let who = "\(artifact.kind.rawValue) \(artifact.name)"
        switch candidate.signal {
        case .handEdit:
            let place = fileName.map { " in \($0)" } ?? ""
            let share = candidate.changedFraction.map { " (\(Int(($0 * 100).rounded()))% of its lines)" } ?? ""
            var text = "Output of \(who)\(place) was corrected by hand\(share)."
            let headings = Self.headings(in: candidate.after).filter { !Self.headings(in: candidate.before).contains($0) }
            if !headings.isEmpty {
                text += " The user restructured it under the headings \(headings.prefix(6).joined(separator: " / "))."
            } else if !candidate.after.isEmpty {
                text += " The user replaced what the agent wrote; see the excerpt for the expected form."
            } else {
                text += " The user removed lines the agent wrote."
            }
            return text
        case .revert:
            return "Output of \(who)\(fileName.map { " in \($0)" } ?? "") was reverted: the user restored the file to its content from before the agent's edit."
        case .rejection:
            return "The user rejected a change proposed under \(who) and said: \"\(Self.oneLine(candidate.userText ?? ""))\""
        case .chatCorrection:
            return "The user corrected output of \(who): \"\(Self.oneLine(candidate.userText ?? ""))\""
        case .reviewComment:
            return "A review comment on output of \(who): \"\(Self.oneLine(candidate.userText ?? ""))\""
        case .explicit:
            return "Feedback on \(who): \"\(Self.oneLine(candidate.userText ?? ""))\""
        }
    }

    func category(for candidate: Candidate) -> Category {
        if let words = candidate.userText, case .correction(_, let category) = CorrectionLanguage.read(words) {
            return category
        }
        if let words = candidate.userText {
            return CorrectionLanguage.category(of: CorrectionLanguage.normalize(words))
        }
        return .wrongOutput
    }

    func severity(for candidate: Candidate) -> Severity {
        switch candidate.signal {
        case .revert: return .high
        case .handEdit: return (candidate.changedFraction ?? 0) >= 0.5 ? .high : .medium
        case .rejection, .reviewComment, .explicit: return .medium
        case .chatCorrection: return category(for: candidate) == .unsafe ? .high : .medium
        }
    }

    func confidence(for candidate: Candidate) -> Double {
        switch candidate.signal {
        case .explicit: 1.0
        case .handEdit: 0.9
        case .revert, .reviewComment: 0.85
        case .rejection: 0.8
        case .chatCorrection: 0.7
        }
    }

    // MARK: - Text helpers

    func relativePath(_ path: String, cwd: String?) -> String {
        guard let cwd, !cwd.isEmpty else { return path }
        let root = cwd.hasSuffix("/") ? cwd : cwd + "/"
        return path.hasPrefix(root) ? String(path.dropFirst(root.count)) : path
    }

    static func headings(in text: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("#") else { return nil }
            let title = trimmed.drop(while: { $0 == "#" }).trimmingCharacters(in: .whitespaces)
            return title.isEmpty ? nil : title
        }
    }

    static func clip(_ text: String, lines: Int) -> String {
        let all = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard all.count > lines else { return text }
        return all.prefix(lines).joined(separator: "\n") + "\n…"
    }

    static func oneLine(_ text: String) -> String {
        let folded = text.split(whereSeparator: { $0.isNewline }).joined(separator: " ")
        return folded.count > 400 ? String(folded.prefix(400)) + "…" : folded
    }

    static func language(forFile name: String) -> String? {
        let ext = (name as NSString).pathExtension.lowercased()
        let known = [
            "md": "markdown", "swift": "swift", "py": "python", "ts": "typescript", "tsx": "typescript",
            "js": "javascript", "jsx": "javascript", "go": "go", "rs": "rust", "rb": "ruby", "java": "java",
            "kt": "kotlin", "c": "c", "h": "c", "cpp": "cpp", "cs": "csharp", "ex": "elixir", "exs": "elixir",
            "json": "json", "yaml": "yaml", "yml": "yaml", "toml": "toml", "sh": "shell", "sql": "sql",
            "html": "html", "css": "css", "txt": "text",
        ]
        return known[ext]
    }
}
