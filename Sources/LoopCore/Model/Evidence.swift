import Foundation

/// Why a lesson exists: one observation, kept with the lesson so `loopctl show`
/// can explain every field. `before`/`after` are already redacted.
public struct Evidence: Codable, Sendable, Hashable {
    public var signal: Signal
    public var sessionID: String
    public var transcriptPath: String
    public var line: Int
    public var byteOffset: Int64
    public var recordID: String?
    /// The commit checked out in the working tree, when it is a git repository.
    public var commit: String?
    /// The file the evidence concerns, relative to the repository (redacted), if any.
    public var file: String?
    public var before: String
    public var after: String
    /// Human-readable: what was observed ("user rewrote 4 of the 6 lines the agent wrote").
    public var note: String
    public var observedAt: Date
    /// The agent's last words before the user's message (redacted, capped), when
    /// the signal was a message: what the user answered.
    public var agentClaim: String?
    /// The context scorer's breakdown ("score 3.0 ≥ 2.0: symptom +1.0 (…)"),
    /// redacted: why a message counted as a correction.
    public var scoreExplanation: String?

    public init(
        signal: Signal, sessionID: String, transcriptPath: String, line: Int, byteOffset: Int64,
        recordID: String?, commit: String?, file: String?, before: String, after: String, note: String,
        observedAt: Date, agentClaim: String? = nil, scoreExplanation: String? = nil
    ) {
        self.signal = signal
        self.sessionID = sessionID
        self.transcriptPath = transcriptPath
        self.line = line
        self.byteOffset = byteOffset
        self.recordID = recordID
        self.commit = commit
        self.file = file
        self.before = before
        self.after = after
        self.note = note
        self.observedAt = observedAt
        self.agentClaim = agentClaim
        self.scoreExplanation = scoreExplanation
    }
}
