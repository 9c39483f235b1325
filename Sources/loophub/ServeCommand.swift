import ArgumentParser
import Foundation
import Hummingbird
import LoopHub
import Logging

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the hub's HTTP API.")

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on (0 picks a free one and prints it).") var port = 8080
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Submissions per second per token (bursts of twice that); 0 disables.") var rateLimit: Double = 50
    @Flag(help: "SQLite synchronous=FULL: survive power loss at about a tenth of the write rate.") var durable = false
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.") var logLevel = "info"
    @Option(help: "Seconds before an idle connection is closed; a request head must also arrive within it.")
    var idleTimeout: Double = 30
    @Option(help: "Seconds a request body may take to arrive (408 after that).") var requestTimeout: Double = 30
    @Option(help: ArgumentHelp("Connections served at once; more wait in the listen backlog.",
                               discussion: "Lowered to the descriptor limit (after raising the soft limit to the hard one) less \(ServerLimits.reservedDescriptors) kept for the store."))
    var maxConnections = ServerLimits().maxConnections

    func validate() throws {
        guard idleTimeout > 0, requestTimeout > 0 else { throw ValidationError("--idle-timeout and --request-timeout must be above 0") }
        guard maxConnections > 0 else { throw ValidationError("--max-connections must be at least 1") }
    }

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .info
            return handler
        }
        var logger = Logger(label: "loophub")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let store = try await DatabaseLocation.open(database.url, durable: durable, logger: logger)
        let requested = ServerLimits(idleTimeout: .milliseconds(Int64(idleTimeout * 1000)),
                                     requestReadTimeout: .milliseconds(Int64(requestTimeout * 1000)),
                                     maxConnections: maxConnections)
        let (limits, descriptors) = requested.fittingDescriptorLimit()
        if limits.maxConnections < requested.maxConnections {
            logger.warning("connection cap lowered to fit the descriptor limit; raise LimitNOFILE / ulimit -n", metadata: [
                "loop.connections.requested": "\(requested.maxConnections)", "loop.connections.max": "\(limits.maxConnections)",
                "loop.descriptors.limit": "\(descriptors)",
            ])
        }
        logger.info("connection limits", metadata: [
            "loop.connections.max": "\(limits.maxConnections)", "loop.idle_timeout_s": "\(idleTimeout)",
            "loop.request_timeout_s": "\(requestTimeout)", "loop.descriptors.limit": "\(descriptors)",
        ])
        let hub = Hub(store: store, rateLimit: rateLimit, limits: limits)
        let host = host
        let app = hub.application(host: host, port: port, logger: logger) { boundPort in
            // One line on stdout that scripts and tests wait for.
            print("loophub listening on http://\(host):\(boundPort)")
            fflush(nil)
            SystemdNotify.send("READY=1\nSTATUS=listening on \(host):\(boundPort)")
        }
        do {
            try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
        } catch {
            try? await store.close()
            throw error
        }
        SystemdNotify.send("STOPPING=1")
        try await store.close()
        logger.info("loophub stopped")
    }
}
