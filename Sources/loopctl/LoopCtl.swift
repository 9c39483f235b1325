import ArgumentParser
import Foundation

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
        subcommands: [
            Review.self, List.self, Show.self, Send.self, Approve.self, Decline.self, Edit.self,
            Status.self, Doctor.self, Analyze.self, Login.self, Logout.self, Config.self, Service.self,
            Install.self, Uninstall.self, Mcp.self, Redact.self, Eval.self, BenchDecode.self,
        ]
    )

    /// loop's exit codes: 0 ok, 1 failure, 2 usage, 3 daemon or hub unreachable.
    /// ArgumentParser's own usage code on Linux is 64, so errors are mapped here.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                Foundation.exit(0)
            }
            if !message.isEmpty { FileHandle.standardError.write(Data("loopctl: \(message)\n".utf8)) }
            switch code {
            case .validationFailure: Foundation.exit(2)
            default: Foundation.exit(error is Unreachable ? 3 : code.rawValue)
            }
        }
    }
}

/// The daemon or the hub could not be reached (exit code 3).
struct Unreachable: Error, CustomStringConvertible {
    var description: String
}


enum LoopVersion {
    static let current = "0.1.0"
}
