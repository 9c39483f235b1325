import ArgumentParser
import Foundation
import LoopRuntime
import LoopCore
import LoopStore

/// Options every data-printing subcommand shares.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print JSON instead of text.")
    var json = false
}

/// The user's loop paths and outbox, opened the same way by every command.
enum Context {
    static var environment: [String: String] { ProcessInfo.processInfo.environment }
    static var paths: LoopPaths { LoopPaths(environment: environment) }

    static func settings() throws -> LoopSettings {
        try LoopSettings.load(paths: paths)
    }

    /// The one place lesson states change, with this machine's redaction context.
    static func actions() throws -> LessonActions {
        let machine = MachineIdentity.current(environment: environment)
        return LessonActions(outbox: try outbox(), redactor: try RedactorFactory.make(settings: try settings(), machine: machine))
    }

    /// Opens the outbox, or fails with a message saying where and why.
    static func outbox() throws -> Outbox {
        let path = paths.outboxPath
        do {
            return try Outbox.open(at: path)
        } catch {
            throw CLIError("cannot open the outbox at \(path): \(error)")
        }
    }
}

/// An error whose text is the whole message for the user.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

enum JSONOutput {
    static func print<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        Swift.print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// One compact JSON object per line (for streams of records).
    static func line<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        Swift.print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}
