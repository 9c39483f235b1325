import Foundation

/// Settings of the detector that come from `config.toml`.
public struct DetectorConfig: Sendable, Hashable {
    /// Instructions files (e.g. "AGENTS.md", "CLAUDE.md") whose output counts as
    /// attributable. Empty by default: plain agent output is not automatically
    /// its instructions' author's defect.
    public var trackedInstructions: [String]
    /// Artifact name globs to keep (empty = every skill, command and subagent).
    public var track: [String]
    /// Artifact name globs to drop.
    public var ignore: [String]
    /// How long a file change on disk waits for a transcript line that explains
    /// it as the agent's own write. Transcripts are written asynchronously and
    /// can lag the file system.
    public var transcriptLag: TimeInterval
    /// How long after a session's last event it is remembered (the files its
    /// agent wrote, the artifact in force). A change a week later is ordinary
    /// work, not a correction of that output; and forgetting old sessions is
    /// what keeps loopd's memory flat however long the history it reads.
    public var sessionMemory: TimeInterval = 7 * 86_400
    /// Subagent types that come with the harness, not from an organisation.
    public var builtInAgents: Set<String> = ["general-purpose", "Explore", "Plan", "statusline-setup", "output-style-setup", "claude-code-guide"]
    /// Weights and lexicons that score chat, interrupt and rejection moments.
    /// The embedded model by default; an adapter may pass another one in.
    public var scorer: ScorerModel = .standard

    public init(
        trackedInstructions: [String] = [], track: [String] = [], ignore: [String] = [],
        transcriptLag: TimeInterval = 2
    ) {
        self.trackedInstructions = trackedInstructions
        self.track = track
        self.ignore = ignore
        self.transcriptLag = transcriptLag
    }

    /// Gate 3's filter: is this artifact one the organisation wants lessons for?
    public func isTracked(_ artifact: ArtifactRef) -> Bool {
        if artifact.kind == .instructions {
            let fileName = (artifact.name as NSString).lastPathComponent
            guard trackedInstructions.contains(where: { $0 == artifact.name || $0 == fileName }) else {
                return false
            }
        }
        if ignore.contains(where: { Glob.matches($0, artifact.name) }) { return false }
        if track.isEmpty { return true }
        return track.contains { Glob.matches($0, artifact.name) }
    }
}

/// Shell-style globs over artifact names: `*` any run, `?` one character.
public enum Glob {
    public static func matches(_ pattern: String, _ text: String) -> Bool {
        matches(Array(pattern.unicodeScalars)[...], Array(text.unicodeScalars)[...])
    }

    private static func matches(_ p: ArraySlice<Unicode.Scalar>, _ t: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let first = p.first else { return t.isEmpty }
        switch first {
        case "*":
            var rest = t
            while true {
                if matches(p.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        case "?":
            return !t.isEmpty && matches(p.dropFirst(), t.dropFirst())
        default:
            return t.first == first && matches(p.dropFirst(), t.dropFirst())
        }
    }
}
