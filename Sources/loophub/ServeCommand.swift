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

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .info
            return handler
        }
        var logger = Logger(label: "loophub")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let store = try await DatabaseLocation.open(database.url, durable: durable, logger: logger)
        let hub = Hub(store: store, rateLimit: rateLimit)
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
