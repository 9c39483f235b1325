/// Why an agent dropped a pending lesson as a false alarm, before the user was
/// asked (`lesson_dismiss`). Recorded in the lesson's transition log.
public enum DismissalKind: String, Codable, Sendable, CaseIterable, Hashable {
    /// The agent's output was right; the user's words were not a correction.
    case notADefect = "not-a-defect"
    /// The user changed their own mind (a new requirement), not the artifact's mistake.
    case usersChangeOfMind = "users-change-of-mind"
    /// A real correction, but of something the named artifact did not produce.
    case notThisArtifact = "not-this-artifact"
}

/// Limits on a dismissal's free-text reason.
public enum Dismissal {
    /// Characters kept of the reason (after redaction).
    public static let maxReason = 500
}
