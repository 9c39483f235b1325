import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import LoopTestSupport
import Testing

/// The real `loophub serve` on 127.0.0.1 over a fresh SQLite file, for tests that
/// attack the server itself. `descriptorLimit` runs it under `ulimit -n`.
struct ServedHub: Sendable {
    let directory: TemporaryDirectory
    let server: ChildProcess
    let base: String
    let port: Int
    var database: String { "sqlite://\(directory.path)/hub.sqlite3" }
    var databasePath: String { "\(directory.path)/hub.sqlite3" }
    static var binary: String { LoopBinaries.path("loophub") }
    static var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["LOOPHUB_DATABASE"] = nil
        return environment
    }

    /// Starts loophub; nil (with a recorded issue) when the binary is not built or does not start.
    static func start(_ arguments: [String] = [], descriptorLimit: Int? = nil) async throws -> ServedHub? {
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            Issue.record("build loophub first (swift build): \(binary) is missing")
            return nil
        }
        let directory = try TemporaryDirectory(prefix: "loophub-served")
        let database = "sqlite://\(directory.path)/hub.sqlite3"
        let serve = ["serve", "--host", "127.0.0.1", "--port", "0", "--rate-limit", "0", "--database", database] + arguments
        let server: ChildProcess
        if let descriptorLimit {
            // `ulimit -n` in sh sets the soft and hard limits, so loophub cannot raise it back.
            server = try ChildProcess("/bin/sh", ["-c", "ulimit -n \(descriptorLimit) && exec \"$0\" \"$@\"", binary] + serve,
                                      environment: environment, logDirectory: directory.url)
        } else {
            server = try ChildProcess(binary, serve, environment: environment, logDirectory: directory.url)
        }
        var base = ""
        let listening = await eventually(timeout: 30) {
            guard let line = server.stdout.split(separator: "\n").first(where: { $0.contains("listening on") }) else { return false }
            base = String(line.split(separator: " ").last!)
            return true
        }
        guard listening else {
            server.signal(SIGKILL)
            Issue.record("loophub did not start: \(server.stderr)")
            return nil
        }
        return ServedHub(directory: directory, server: server, base: base, port: Int(base.split(separator: ":").last!)!)
    }

    func token(_ role: String, _ extra: [String] = []) async throws -> String {
        let issued = try await ChildProcess.run(Self.binary, ["token", "issue", "--email", "\(role)@example.test", "--role", role,
                                                              "--database", database] + extra,
                                                environment: Self.environment, logDirectory: directory.url)
        #expect(issued.status == 0, "\(issued.stderr)")
        return issued.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func request(_ path: String, method: String = "GET", token: String? = nil, body: String? = nil) async throws -> (Int, String) {
        var request = URLRequest(url: URL(string: base + path)!)
        request.httpMethod = method
        request.timeoutInterval = 10
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    /// SIGTERM, then the exit status (nil: still running after 15 s, then killed).
    @discardableResult
    func stop() async -> Int32? {
        server.signal(SIGTERM)
        let status = await server.wait(timeout: 15)
        if status == nil { server.signal(SIGKILL) }
        return status
    }

    func remove() { directory.remove() }
}
