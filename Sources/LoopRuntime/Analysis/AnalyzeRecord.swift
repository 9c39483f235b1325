import LoopCore

/// One line of `loopctl analyze --json`: a candidate and what the gates made of it.
public struct AnalyzeRecord: Codable, Sendable, Hashable {
    public struct ArtifactName: Codable, Sendable, Hashable {
        public var kind: String
        public var name: String
    }

    public var file: String
    public var session: String
    /// 1-based JSONL line of the record that triggered the candidate.
    public var line: Int
    /// The harness's own id of that record (Claude `uuid`).
    public var recordID: String?
    public var signal: String
    /// "lesson" or "dropped".
    public var verdict: String
    /// The gate that dropped it (`signal`, `iteration`, `attribution`, `debounce`); nil for lessons.
    public var gate: String?
    public var reason: String
    public var artifact: ArtifactName?
    /// Redacted, as the lesson would carry them.
    public var summary: String
    public var excerpt: Lesson.Excerpt
    /// Chat, interrupt and rejection moments: each feature's contribution and the threshold.
    public var score: ContextScore?

    init(decision: Decision, lesson: Lesson) {
        let candidate = decision.candidate
        file = candidate.position.path
        session = candidate.sessionID
        line = candidate.position.line
        recordID = candidate.position.recordID
        signal = candidate.signal.rawValue
        artifact = candidate.artifact.map { ArtifactName(kind: $0.kind.rawValue, name: lesson.artifact.name) }
        summary = lesson.summary
        excerpt = lesson.excerpt
        score = candidate.score
        switch decision.verdict {
        case .lesson:
            verdict = "lesson"
            gate = nil
            reason = candidate.note
        case .fold:
            verdict = "dropped"
            gate = Gate.debounce.rawValue
            reason = "a lesson for this artifact already exists in this session; the evidence is folded into it"
        case .dropped(let dropGate, let why):
            verdict = "dropped"
            gate = dropGate.rawValue
            reason = why
        }
    }
}

/// The closing line of an analysis.
public struct AnalyzeSummary: Codable, Sendable, Hashable {
    public var files = 0
    public var sessions = 0
    public var lessons = 0
    public var droppedByGate: [String: Int] = [:]
    public var unreadableLines = 0
}
