import ArgumentParser
import Foundation
import Logging
import LoopCore
import LoopRuntime
import LoopScheduling
import LoopStore

/// `loopd`: the per-user daemon. Wiring only; the pipeline is `LoopDaemon`.
@main
struct LoopdCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loopd",
        abstract: "Watch coding-agent transcripts and working trees; keep corrections as lessons in the local outbox.",
        discussion: """
            loopd runs in the foreground (systemd starts it as a user service: see systemd/loopd.service). \
            It watches $CLAUDE_CONFIG_DIR/projects (default ~/.claude/projects) and the working trees of the \
            sessions it sees, and writes pending lessons to $XDG_STATE_HOME/loop/outbox.sqlite3. \
            Nothing is sent anywhere: review lessons with `loopctl list` and `loopctl show ID`.

            Transcripts already on disk the first time loopd starts are read to learn the sessions' state, \
            not turned into lessons; pass --backfill to look for corrections in that history too.
            """,
        version: LoopVersion.current
    )

    @Flag(help: "Also turn corrections found in transcripts written before the first start into lessons.")
    var backfill = false

    @Option(name: .customLong("settle-ms"), help: ArgumentHelp(
        "Quiet time after the last write to a working-tree file before loopd reads it.", valueName: "milliseconds"))
    var settleMilliseconds: Int?

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    // Synchronous on purpose: Swift concurrency must be moved onto NIO's event
    // loops before any task or main-actor job exists (see EventLoopConcurrency).
    func run() throws {
        // First, before any thread starts: the stream blocks the signals so every
        // later thread inherits the mask and none of them discards a SIGTERM.
        let signals = ShutdownSignals.stream()
        EventLoopConcurrency.install()
        let command = self
        let outcome = Result { try EventLoopConcurrency.runBlocking { try await command.serve(signals: signals) } }
        // Everything is saved by now (cursors, outbox). End the process here with
        // _exit rather than by returning: exit() runs the process's static
        // destructors while NIO's event-loop threads, which are never shut down,
        // may still be closing a connection, and that race corrupted the heap
        // when a client was still connected at SIGTERM.
        let code: Int32
        switch outcome {
        case .success:
            code = ExitCode.success.rawValue
        case .failure(let error as ExitCode):
            code = error.rawValue
        case .failure(let error):
            FileHandle.standardError.write(Data((Self.fullMessage(for: error) + "\n").utf8))
            code = Self.exitCode(for: error).rawValue
        }
        fflush(nil)  // every C stream; stdout and stderr are globals Swift 6 will not name here
        _exit(code)
    }

    func serve(signals: AsyncStream<Int32>) async throws {
        let environment = ProcessInfo.processInfo.environment
        LoopLogging.bootstrap(label: "loopd", environment: environment, level: logLevel)
        let logger = Logger(label: "loopd")
        let paths = LoopPaths(environment: environment)
        do {
            try LoopDaemon.prepareSocketDirectory(runtimeDirectory: paths.runtimeDir, environment: environment)
        } catch {
            logger.critical("refusing to start: \(error)")
            throw ExitCode.failure
        }
        let settings: LoopSettings
        do {
            settings = try LoopSettings.load(paths: paths)
        } catch {
            logger.critical("\(error)")
            throw ExitCode.failure
        }
        let outbox: Outbox
        do {
            outbox = try Outbox.open(at: paths.outboxPath)
        } catch {
            logger.critical("cannot open the outbox: \(error)")
            throw ExitCode.failure
        }
        var options = try settings.daemonOptions(paths: paths, machine: MachineIdentity.current(environment: environment), version: LoopVersion.current, environment: environment)
        if let settleMilliseconds { options.settle = .milliseconds(settleMilliseconds) }
        let daemon = try LoopDaemon(
            options: options, outbox: outbox, logger: logger, notifier: SystemdNotifier(environment: environment), backfill: backfill)
        let work = Task { try await daemon.run() }
        let stop = Task {
            for await signal in signals {
                logger.info("received signal \(signal); stopping")
                work.cancel()
                break
            }
        }
        defer { stop.cancel() }
        try await work.value
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

enum LoopVersion {
    static let current = "0.1.0"
}
