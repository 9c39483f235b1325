/// Claude Code 2.1.x names, on the user line that carries a refused tool's
/// result, what refused it (`toolDenialKind`). A settings rule or the
/// auto-mode classifier is configuration, never a rejection. `user-rejected`
/// is not proof of a person on its own: a headless `-p` run that cannot ask
/// records its own refusal as `user-rejected` too ("Claude requested
/// permissions to write to …, but you haven't granted it yet.", seen with
/// 2.1.327), so the person's rejection sentence must still be there.
enum ClaudeCodeDenialKind: Equatable {
    /// `permission-rule`, `automode-blocked`, `automode-unavailable`: configuration.
    case notAPerson
    /// `user-rejected`, no field (before 2.1.x), or another value
    /// (`interrupted`, …): the result's text decides, as it always did.
    case textDecides

    init(_ value: String?) {
        switch value {
        case "permission-rule": self = .notAPerson
        case let value? where value.hasPrefix("automode-"): self = .notAPerson
        default: self = .textDecides
        }
    }
}
