import Foundation
import LoopCore
import LoopStore
import NIOPosix

/// `lesson_dismiss`: the agent's second opinion. A candidate it judges a false
/// alarm is dropped before any consent gate, so the user is never asked about it.
extension LessonTools {
    struct Dismissed: Codable, Sendable {
        var lesson: LessonView
        var reasonKind: String
        /// The reason as logged: redacted and capped.
        var note: String
        var message: String
    }

    /// Written on NIO's blocking pool, like `lesson_consent`: never on the event loop.
    func dismiss(_ arguments: ToolArguments) async throws -> Dismissed {
        let idPrefix = try arguments.requiredString("id")
        let kind = try arguments.choice("reason_kind", DismissalKind.allCases.map(\.rawValue), required: true)
            .flatMap(DismissalKind.init(rawValue:))
        guard let kind else { throw ToolError(.invalidArguments, "lesson_dismiss: `reason_kind` is required") }
        let reason = try arguments.requiredString("reason")
        return try await NIOThreadPool.singleton.runIfActive { [self] in
            try dismiss(idPrefix: idPrefix, kind: kind, reason: reason)
        }
    }

    private func dismiss(idPrefix: String, kind: DismissalKind, reason: String) throws -> Dismissed {
        let stored = try outbox.lesson(idPrefix: idPrefix)
        let note: String
        do {
            guard stored.state == .pending else {
                throw OutboxError.invalidTransition(id: stored.id, from: stored.state, to: .dismissed)
            }
            note = try actions.dismiss(id: stored.id, kind: kind, reason: reason, actor: .mcp)
        } catch OutboxError.invalidTransition(let id, let from, _) {
            throw ToolError(.wrongState, "lesson_dismiss: lesson \(id) is \(from.rawValue), not pending: only a pending lesson the user has not been asked about can be dismissed; leave it as it is")
        }
        let updated = try outbox.lesson(id: stored.id) ?? stored
        return Dismissed(lesson: LessonView(updated), reasonKind: kind.rawValue, note: note,
                         message: "dismissed: it will never be sent and the user will not be asked about it; do not show its consent gate")
    }
}
