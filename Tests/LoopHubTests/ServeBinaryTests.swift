import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import LoopTestSupport
import Testing

/// The real `loophub` executable (`.build/debug/loophub`): token CLI, serve on a
/// free port, ingest and read back over TCP, revoke, graceful SIGTERM.
@Suite("loophub binary", .serialized)
struct ServeBinaryTests {
    static var binary: String { LoopBinaries.path("loophub") }

    @Test("token issue → serve → POST → GET → revoke → SIGTERM", arguments: StoreKind.allCases)
    func lifecycle(kind: StoreKind) async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary) else {
            Issue.record("build loophub first (swift build): \(Self.binary) is missing")
            return
        }
        guard let testStore = try await kind.makeStore() else { return }
        await testStore.close()  // only the URL is needed; the binary migrates it again
        let logs = try TemporaryDirectory(prefix: "loophub-bin")
        defer { logs.remove() }
        var environment = ProcessInfo.processInfo.environment
        environment["LOOPHUB_DATABASE"] = nil
        let database = ["--database", testStore.url]

        let issued = try await ChildProcess.run(Self.binary, ["token", "issue", "--email", "ops@example.test", "--role", "admin"] + database,
                                                environment: environment, logDirectory: logs.url)
        #expect(issued.status == 0, "\(issued.stderr)")
        let token = issued.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.hasPrefix("lh_"))
        let listed = try await ChildProcess.run(Self.binary, ["token", "list", "--json"] + database, environment: environment, logDirectory: logs.url)
        #expect(listed.stdout.contains("ops@example.test") && !listed.stdout.contains(token))

        let server = try ChildProcess(Self.binary, ["serve", "--host", "127.0.0.1", "--port", "0"] + database,
                                      environment: environment, logDirectory: logs.url)
        defer { if server.process.isRunning { server.signal(SIGKILL) } }
        var base = ""
        let listening = await eventually(timeout: 30) {
            guard let line = server.stdout.split(separator: "\n").first(where: { $0.contains("listening on") }) else { return false }
            base = String(line.split(separator: " ").last!)
            return true
        }
        try #require(listening, "loophub did not start: \(server.stderr)")

        let lesson = LessonFixtures.lesson()
        let (postStatus, _) = try await Self.request(base + "/v1/lessons", method: "POST", token: token, body: LessonFixtures.json(lesson))
        #expect(postStatus == 201)
        let (getStatus, text) = try await Self.request(base + "/v1/lessons/\(lesson.id)", token: token)
        #expect(getStatus == 200 && text.contains(lesson.summary))
        let (healthStatus, _) = try await Self.request(base + "/healthz", token: nil)
        #expect(healthStatus == 200)

        let revoked = try await ChildProcess.run(Self.binary, ["token", "revoke", token] + database, environment: environment, logDirectory: logs.url)
        #expect(revoked.status == 0)
        // The hub caches token rows for up to a second.
        let refused = try await eventually(timeout: 5) { try await Self.request(base + "/v1/lessons", token: token).0 == 401 }
        #expect(refused)

        server.signal(SIGTERM)
        let status = await server.wait(timeout: 15)
        #expect(status == 0, "graceful shutdown: \(server.stderr)")
    }

    static func request(_ url: String, method: String = "GET", token: String?, body: String? = nil) async throws -> (Int, String) {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }
}
