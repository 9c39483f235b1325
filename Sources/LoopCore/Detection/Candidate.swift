import Foundation

/// A possible correction the detector saw, before or after the gates.
public struct Candidate: Sendable, Hashable {
    public var harness: Harness
    public var harnessVersion: String?
    public var sessionID: String
    public var signal: Signal
    /// The artifact the corrected output came from (nil = unattributable).
    public var artifact: ArtifactRef?
    /// The record that triggered it (the user's message, the rejection, or the
    /// agent edit whose lines the user changed).
    public var position: TranscriptPosition
    /// The file concerned, absolute, if any.
    public var file: String?
    /// The working directory of the session (repository root candidate).
    public var cwd: String?
    /// What the agent produced (lines, or the rejected proposal) and what the user wanted.
    public var before: String
    public var after: String
    /// The user's words, when the signal came with words (chat correction, rejection reason).
    public var userText: String?
    /// How much of the agent's output the user changed, 0...1, for hand edits.
    public var changedFraction: Double?
    /// What was observed, for people: "user rewrote 4 of 6 lines the agent wrote in README.md".
    public var note: String
    public var observedAt: Date
    /// For chat, interrupt and rejection moments: the features that weighed in.
    public var score: ContextScore?
    /// The agent's last words before the user's message (its claim, e.g. "done"),
    /// kept so an agent can later judge whether the user really corrected it.
    public var agentClaim: String? = nil

    public var debounceKey: DebounceKey? {
        artifact.map { DebounceKey(harness: harness, sessionID: sessionID, artifact: $0) }
    }
}

/// The gates a candidate passes through, in order (DESIGN §Signals and gates).
public enum Gate: String, Sendable, Hashable, Codable, CaseIterable {
    case signal, iteration, attribution, debounce
}

/// What the detector decided about one candidate.
public enum Verdict: Sendable, Hashable {
    /// Passed every gate: a new lesson.
    case lesson
    /// Passed the first three gates but the artifact already has a candidate in
    /// this session: fold the evidence into it (raises its severity).
    case fold
    /// Dropped by a gate, with a reason a person can read.
    case dropped(Gate, reason: String)
}

public struct Decision: Sendable, Hashable {
    public var candidate: Candidate
    public var verdict: Verdict

    /// A correction (even one folded or dropped for attribution) continues the
    /// same work, so the artifact stays in force.
    var keepsArtifactInForce: Bool {
        switch verdict {
        case .lesson, .fold: true
        case .dropped(let gate, _): gate == .attribution || gate == .debounce
        }
    }

    public init(candidate: Candidate, verdict: Verdict) {
        self.candidate = candidate
        self.verdict = verdict
    }
}
