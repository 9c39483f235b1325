import ArgumentParser

// PLACEHOLDER — the redaction engine (issue 4) implements this command.
struct Redact: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Redact text (not implemented yet).")
    func run() async throws {}
}
