import ArgumentParser
import Foundation
import LoopMCP
import LoopRuntime

/// `loopctl mcp`: what a harness launches as loop's MCP server. It copies
/// bytes between stdin/stdout and loopd's socket; the framing (one JSON-RPC
/// message per line) is the same on both sides, so nothing is parsed.
struct Mcp: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Bridge a harness's stdio MCP connection to loopd's socket.",
        discussion: """
            Registered by `loopctl install`; not meant to be run by hand. When loopd is not \
            running, every request is answered with an MCP error saying how to start it, and \
            the exit code is 3. The same happens, without sending it a byte, when the socket, a \
            directory above it or the process serving it belongs to another user.
            """)

    @Option(help: ArgumentHelp("The daemon's socket (default: $XDG_RUNTIME_DIR/loop/loopd.sock).", valueName: "path"))
    var socket: String?

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        let path = socket ?? (Context.paths.runtimeDir as NSString).appendingPathComponent("loopd.sock")
        let descriptor: Int32
        do {
            descriptor = try StdioBridge.connect(path: path)
        } catch where error.kind == .untrusted {
            // Said at once on stderr (the harness's log) and to every request; the
            // harness's input is answered here and never reaches that socket.
            FileHandle.standardError.write(Data("loopctl: \(error)\n".utf8))
            StdioBridge.answerUnreachable(reason: "loop refused to connect: \(error)")
            throw ExitCode(3)  // "unreachable"; the message is already on stderr
        } catch {
            StdioBridge.answerUnreachable(reason: "loopd is not running (no answer on \(path)). Ask the user to start it: `systemctl --user start loopd.socket` or run `loopd` in a terminal.")
            throw Unreachable(description: "loopd is not running (no answer on \(path))")
        }
        StdioBridge.pump(socket: descriptor)
    }
}
