/// Whether a `user` line was typed by the person. Claude Code 2.1.x marks the
/// prompts it writes itself: `promptSource: "system"` (background-task
/// notices, messages relayed from another session) and an `origin` whose
/// `kind` is not the person's (`task-notification`, `peer`, `coordinator`, …).
/// `typed`, `queued` and `sdk` prompts, and `origin.kind` `human` or `channel`,
/// are the person's.
enum ClaudeCodePromptOrigin {
    static let personKinds: Set<String> = ["human", "channel"]

    static func isInjected(_ line: JSONObjectView) -> Bool {
        if line.string("promptSource") == "system" { return true }
        guard let origin = line.object("origin") else { return false }
        guard let kind = origin.string("kind") else { return true }  // an origin at all says "not typed here"
        return !personKinds.contains(kind)
    }
}
