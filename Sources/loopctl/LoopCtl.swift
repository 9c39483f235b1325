import ArgumentParser

/// `loopctl`: the user's side of loop. Every subcommand lives in its own file.
@main
struct LoopCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loopctl",
        abstract: "Review, inspect and analyze the lessons loop has caught.",
        discussion: """
            loopd watches your coding agents and keeps what it learns in a local outbox. \
            Nothing leaves this machine until you say so.
            """,
        version: LoopVersion.current,
        subcommands: [Redact.self]
    )
}

enum LoopVersion {
    static let current = "0.1.0"
}
