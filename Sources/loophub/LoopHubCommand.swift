import ArgumentParser

@main
struct LoopHubCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loophub",
        abstract: "The central store of consented, redacted lessons.",
        discussion: "Storage is a SQLite file by default; --database postgres://… switches to PostgreSQL. See docs/hub.md.",
        version: "0.1.0",
        subcommands: [ServeCommand.self, TokenCommand.self]
    )
}

/// `--database`, shared by every subcommand.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "sqlite:///path/hub.sqlite3 or postgres://user:password@host:port/db (default: $LOOPHUB_DATABASE, else sqlite under /var/lib/loophub as root or $XDG_STATE_HOME/loophub).",
        valueName: "url"))
    var database: String?

    var url: String { database ?? DatabaseLocation.defaultURL() }
}
