/// What kind of shipped artifact produced the agent's output.
public enum ArtifactKind: String, Codable, Sendable, CaseIterable, Hashable {
    case skill, command, agent, instructions
}

/// A skill, command, subagent or instructions file that was in force when the
/// agent produced an output. Attribution (gate 3) needs one of these.
public struct ArtifactRef: Codable, Sendable, Hashable {
    public var kind: ArtifactKind
    public var name: String
    /// Where the artifact's definition lives, when the harness says (e.g. a SKILL.md directory).
    public var sourcePath: String?

    public init(kind: ArtifactKind, name: String, sourcePath: String? = nil) {
        self.kind = kind
        self.name = name
        self.sourcePath = sourcePath
    }
}
