import Foundation
import Logging
import LoopCore
import LoopMCP

/// The MCP endpoint inside the daemon: the socket systemd passed us
/// (loopd.socket), else `$XDG_RUNTIME_DIR/loop/loopd.sock` bound here.
struct MCPEndpoint: Sendable {
    let task: Task<Void, Never>
    /// Set when we created the socket file, so we remove it on the way out
    /// (systemd owns the one it passed us).
    let createdSocket: String?

    func stop() async {
        task.cancel()
        await task.value
        if let createdSocket { unlink(createdSocket) }
    }
}

extension LoopDaemon {
    static let socketName = "loopd.sock"

    /// Checks, before loopd writes anything there, that no other user controls
    /// a directory on the way to its socket (SocketDirectory), creating the
    /// missing ones 0700. Skipped under socket activation: systemd made the path.
    /// - Throws: `SocketDirectory.Unsafe`; loopd then exits non-zero.
    public static func prepareSocketDirectory(runtimeDirectory: String, environment: [String: String]) throws {
        guard SocketActivation.listenFDs(environment: environment).isEmpty else { return }
        try SocketDirectory.prepare(runtimeDirectory)
    }

    /// Starts serving MCP; on failure logs why and runs on without it (the
    /// watchers and the outbox matter more than the socket).
    func startMCPEndpoint(environment: [String: String] = ProcessInfo.processInfo.environment) -> MCPEndpoint? {
        let socketPath = (options.runtimeDirectory as NSString).appendingPathComponent(Self.socketName)
        let descriptor: Int32
        var created: String?
        if let passed = SocketActivation.listenFDs(environment: environment).first {
            descriptor = passed
        } else {
            do {
                descriptor = try ListeningSocket.bind(path: socketPath)
                created = socketPath
            } catch {
                note(error: "MCP endpoint not started: \(error)")
                return nil
            }
        }
        let paths = LoopPaths(environment: environment)
        let tools = LessonTools(
            outbox: outbox, redactor: options.redactor, detectorConfig: options.detector,
            clientVersion: options.clientVersion, transcripts: TranscriptReader(paths: paths),
            daemonStatus: { [weak self] in await self?.snapshot() })
        let server = SocketServer(descriptor: descriptor, tools: tools, serverVersion: options.clientVersion, logger: logger)
        let logger = logger
        let task = Task {
            do {
                try await server.run()
            } catch is CancellationError {
            } catch {
                logger.error("MCP endpoint stopped: \(error)")
            }
        }
        return MCPEndpoint(task: task, createdSocket: created)
    }

    func snapshot() -> DaemonSnapshot {
        DaemonSnapshot(
            pid: status.pid, version: status.version, startedAt: status.startedAt, transcriptFiles: status.transcriptFiles,
            workingTrees: status.workingTrees.count, lessonsRecorded: status.lessonsRecorded)
    }
}
