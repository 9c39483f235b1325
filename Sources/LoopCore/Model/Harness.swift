/// The coding-agent harnesses loop understands. Raw values are the wire names.
public enum Harness: String, Codable, Sendable, CaseIterable, Hashable {
    case claudeCode = "claude-code"
    case codex
    case opencode
}
