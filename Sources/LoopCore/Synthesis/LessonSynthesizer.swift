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
        // Everything is redacted whole and only then cut: a cut made first can leave the
        // start of a token that no rule recognises any more (`ghp_wWPw5k4a…`), or split
        // `password =⏎ value` and a key block between kept and dropped lines.
        let raw = [
            candidate.userText.map(Self.oneLine) ?? "",
            candidate.before,
            candidate.after,
            candidate.file.map { relativePath($0, cwd: candidate.cwd) } ?? "",
            candidate.note,
            artifact.name,
            fileName ?? "",
            Self.newHeadings(before: candidate.before, after: candidate.after).joined(separator: " / "),
            candidate.agentClaim.map(Self.oneLine) ?? "",
            candidate.score?.explanation ?? "",
        ]
        // Paths in this session's repository become relative to it.
        let redactor = candidate.cwd.map { self.redactor.rooted(at: $0) } ?? self.redactor
        let redacted = redactor.redact(raw)
        let texts = redacted.texts
        let parts = SummaryParts(
            userText: LengthCap.apply(texts[0], maxLength: Self.maxQuote + 1), artifactName: texts[5],
            fileName: fileName == nil ? nil : texts[6], headings: texts[7])
        let summary = LengthCap.apply(self.summary(for: candidate, artifact: artifact, parts: parts), maxLength: Lesson.maxSummary)
        let before = LengthCap.apply(Self.clip(texts[1], lines: excerptLines), maxLength: Lesson.maxExcerptSide)
        let after = LengthCap.apply(Self.clip(texts[2], lines: excerptLines), maxLength: Lesson.maxExcerptSide)
        let lesson = Lesson(
            id: id, createdAt: ISO8601.string(now),
            harness: .init(name: candidate.harness.rawValue, version: candidate.harnessVersion),
            artifact: .init(kind: artifact.kind, name: LengthCap.apply(texts[5], maxLength: Lesson.maxName)),
            signal: candidate.signal, category: category(for: candidate), severity: severity(for: candidate),
            confidence: confidence(for: candidate),
            summary: summary,
            excerpt: .init(
                before: before, after: after,
                language: fileName.flatMap(Self.language(forFile:))),
            redactions: redacted.counts, client: client)
        let evidence = Evidence(
            signal: candidate.signal, sessionID: candidate.sessionID, transcriptPath: candidate.position.path,
            line: candidate.position.line, byteOffset: candidate.position.byteOffset, recordID: candidate.position.recordID,
            commit: nil, file: texts[3].isEmpty ? nil : texts[3], before: lesson.excerpt.before, after: lesson.excerpt.after,
            note: texts[4], observedAt: candidate.observedAt,
            agentClaim: candidate.agentClaim == nil ? nil : LengthCap.apply(texts[8], maxLength: Self.maxQuote),
            scoreExplanation: candidate.score == nil ? nil : LengthCap.apply(texts[9], maxLength: Self.maxQuote))
        return (lesson, evidence)
    }

    // MARK: - Fields

    /// The redacted texts a summary is made of.
    struct SummaryParts {
        var userText: String
        var artifactName: String
        var fileName: String?
        var headings: String
    }

    /// Characters of the user's words quoted in a summary.
    static let maxQuote = 400

    func summary(for candidate: Candidate, artifact: ArtifactRef, parts: SummaryParts) -> String {
        let who = "\(artifact.kind.rawValue) \(parts.artifactName)"
        let place = parts.fileName.map { " in \($0)" } ?? ""
        switch candidate.signal {
        case .handEdit:
            let share = candidate.changedFraction.map { " (\(Int(($0 * 100).rounded()))% of its lines)" } ?? ""
            var text = "Output of \(who)\(place) was corrected by hand\(share)."
            if !parts.headings.isEmpty {
                text += " The user restructured it under the headings \(parts.headings)."
            } else if !candidate.after.isEmpty {
                text += " The user replaced what the agent wrote; see the excerpt for the expected form."
            } else {
                text += " The user removed lines the agent wrote."
            }
            return text
        case .revert:
            return "Output of \(who)\(place) was reverted: the user restored the file to its content from before the agent's edit."
        case .rejection:
            return "The user rejected a change proposed under \(who) and said: \"\(parts.userText)\""
        case .chatCorrection:
            return "The user corrected output of \(who): \"\(parts.userText)\""
        case .reviewComment:
            return "A review comment on output of \(who): \"\(parts.userText)\""
        case .explicit:
            return "Feedback on \(who): \"\(parts.userText)\""
        }
    }

    /// Headings the user added (at most six).
    static func newHeadings(before: String, after: String) -> [String] {
        let old = headings(in: before)
        return Array(headings(in: after).filter { !old.contains($0) }.prefix(6))
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

    /// The user's words on one line, uncut: the cut comes after redaction.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0.isNewline }).joined(separator: " ")
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
