/// Gate 4: one candidate per artifact per session. Later evidence with the same
/// key is folded into the existing lesson instead of prompting again.
public struct DebounceKey: Codable, Sendable, Hashable, CustomStringConvertible {
    public var harness: Harness
    public var sessionID: String
    public var artifact: ArtifactRef

    public init(harness: Harness, sessionID: String, artifact: ArtifactRef) {
        self.harness = harness
        self.sessionID = sessionID
        self.artifact = artifact
    }

    /// The persisted form: `harness|session|kind:name`.
    public var description: String {
        "\(harness.rawValue)|\(sessionID)|\(artifact.kind.rawValue):\(artifact.name)"
    }
}
