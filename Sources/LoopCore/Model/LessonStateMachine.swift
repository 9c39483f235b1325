/// The allowed moves between lesson states (DESIGN §Outbox). The store refuses
/// anything else, so no adapter can skip consent.
extension LessonState {
    public func canMove(to next: LessonState) -> Bool {
        switch (self, next) {
        case (.pending, .approved), (.pending, .declined), (.pending, .expired), (.pending, .dismissed),
             (.approved, .sent), (.approved, .failed), (.failed, .approved), (.failed, .sent):
            return true
        default:
            return false
        }
    }

    /// States a lesson never leaves.
    public var isFinal: Bool {
        switch self {
        case .sent, .declined, .expired, .dismissed: true
        case .pending, .approved, .failed: false
        }
    }
}
