/// Claude Code 2.1.x names, on the user line that carries a refused tool's
/// result, what refused it (`toolDenialKind`). Only a person's refusal is a
/// rejection: a settings rule or the auto-mode classifier says nothing about
/// the agent's output.
enum ClaudeCodeDenialKind: Equatable {
    /// `user-rejected`: the person said no at the permission prompt.
    case person
    /// `permission-rule`, `automode-blocked`, `automode-unavailable`: configuration.
    case notAPerson
    /// No field (before 2.1.x), or a value not known to be either (`interrupted`, …):
    /// the result's text decides, as it always did.
    case unknown

    init(_ value: String?) {
        switch value {
        case "user-rejected": self = .person
        case "permission-rule": self = .notAPerson
        case let value? where value.hasPrefix("automode-"): self = .notAPerson
        default: self = .unknown
        }
    }
}
