import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import LoopTestSupport
import Testing

/// A real loophub on 127.0.0.1 with a SQLite file, and the tokens tests need.
final class HubHarness: @unchecked Sendable {
    // @unchecked: the process handle and port are set once in start() and only
    // read afterwards by the same test.
    let directory: TemporaryDirectory
    var process: ChildProcess?
    var port = 0
    var database: String { "sqlite://\(directory.path)/hub.sqlite3" }
    var url: String { "http://127.0.0.1:\(port)" }
    let environment: [String: String]

    static var available: Bool { FileManager.default.isExecutableFile(atPath: LoopBinaries.path("loophub")) }

    /// The trait of suites that run loopd, loopctl and a real loophub.
    static var required: ConditionTrait {
        .enabled(if: LoopBinaries.available && available, "build loopd, loopctl and loophub first (make test does)")
    }

    init() throws {
        directory = try TemporaryDirectory(prefix: "loop-hub")
        var environment = ProcessInfo.processInfo.environment
        environment["LOOPHUB_DATABASE"] = nil
        self.environment = environment
    }

    /// Starts (or restarts on the same port) the hub and waits for its "listening" line.
    func start(port fixed: Int? = nil) async throws {
        let child = try ChildProcess(LoopBinaries.path("loophub"), ["serve", "--port", "\(fixed ?? 0)", "--database", database, "--rate-limit", "0"],
                                     environment: environment, logDirectory: directory.url)
        let listening = await eventually(timeout: 30) { child.stdout.contains("listening on http://") }
        #expect(listening, "loophub did not start: \(child.stderr)")
        let line = child.stdout.split(separator: "\n").first { $0.contains("listening on") } ?? ""
        port = Int(line.split(separator: ":").last ?? "") ?? 0
        process = child
    }

    func stop() async {
        process?.signal(SIGTERM)
        _ = await process?.wait(timeout: 10)
        process = nil
    }

    func kill() {
        process?.signal(SIGKILL)
        process = nil
    }

    func token(role: String, extra: [String] = []) async throws -> String {
        let result = try await ChildProcess.run(
            LoopBinaries.path("loophub"), ["token", "issue", "--email", "\(role)@example.com", "--role", role, "--database", database] + extra,
            environment: environment, logDirectory: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func revokeAll() async throws {
        let list = try await ChildProcess.run(LoopBinaries.path("loophub"), ["token", "list", "--json", "--database", database],
                                              environment: environment, logDirectory: directory.url)
        let tokens = (try? JSONSerialization.jsonObject(with: Data(list.stdout.utf8))) as? [[String: Any]] ?? []
        for token in tokens {
            guard let id = token["id"] as? String else { continue }
            _ = try await ChildProcess.run(LoopBinaries.path("loophub"), ["token", "revoke", id, "--database", database],
                                           environment: environment, logDirectory: directory.url)
        }
    }

    /// Lesson ids stored on the hub, read back with an admin token.
    func storedIDs(admin: String) async throws -> [String] {
        var request = URLRequest(url: URL(string: "\(url)/v1/lessons?limit=500")!)
        request.setValue("Bearer \(admin)", forHTTPHeaderField: "Authorization")
        let (data, _) = try await URLSession.shared.data(for: request)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return (object?["lessons"] as? [[String: Any]] ?? []).compactMap { ($0["lesson"] as? [String: Any])?["id"] as? String }
    }

    /// POST /v1/lessons requests the hub has answered, from its metrics.
    func ingestRequests() async throws -> Int {
        let (data, _) = try await URLSession.shared.data(from: URL(string: "\(url)/metrics")!)
        return String(decoding: data, as: UTF8.self).split(separator: "\n")
            .filter { $0.hasPrefix("loophub_http_requests_total{") && $0.contains("method=\"POST\"") && $0.contains("/v1/lessons") }
            .compactMap { Int($0.split(separator: " ").last ?? "") }.reduce(0, +)
    }
}
