import Foundation
import Logging
@testable import LoopHub
import LoopHubPostgres
import LoopTestSupport
import PostgresNIO
import Testing

/// The two storage backends every API test runs against.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres
    var testDescription: String { rawValue }

    /// A fresh, migrated, empty store; nil when PostgreSQL is unavailable (already reported loudly).
    func makeStore() async throws -> TestStore? {
        switch self {
        case .sqlite:
            let directory = try TemporaryDirectory(prefix: "loophub")
            let path = directory.appending("hub.sqlite3").path
            let store = try SQLiteLessonStore(path: path)
            try await store.migrate()
            return TestStore(store: store, url: "sqlite://" + path, cleanup: { directory.remove() })
        case .postgres:
            guard let base = await PostgresTestServer.shared.baseURL() else { return nil }
            let url = try await PostgresTestServer.shared.freshDatabase(base: base)
            let store = try PostgresLessonStore(url: url, logger: Logger(label: "test"))
            try await store.migrate()
            return TestStore(store: store, url: url, cleanup: {})
        }
    }
}

struct TestStore: Sendable {
    let store: any LessonStore
    /// The URL `loophub --database` takes for this store.
    let url: String
    let cleanup: @Sendable () -> Void

    func close() async {
        try? await store.close()
        cleanup()
    }
}

/// One throwaway PostgreSQL cluster per test process: `LOOP_TEST_POSTGRES_URL` when
/// set, else started with scripts/postgres-test-server.sh (stopped when this process
/// exits). When neither works the PostgreSQL half of the suite is skipped, and says
/// so on stderr; with `LOOP_REQUIRE_POSTGRES=1` (CI) that is a failure instead.
actor PostgresTestServer {
    static let shared = PostgresTestServer()
    private var started: String??

    func baseURL() async -> String? {
        if let started { return started }
        let url = Self.start()
        started = .some(url)
        if url == nil {
            let banner = String(repeating: "!", count: 78)
            FileHandle.standardError.write(Data("""
                \(banner)
                !! PostgreSQL UNAVAILABLE: set LOOP_TEST_POSTGRES_URL or install postgresql 15.
                !! The PostgreSQL half of LoopHubTests is SKIPPED.
                \(banner)

                """.utf8))
        }
        return url
    }

    static var required: Bool { ProcessInfo.processInfo.environment["LOOP_REQUIRE_POSTGRES"] == "1" }

    private static func start() -> String? {
        if let url = ProcessInfo.processInfo.environment["LOOP_TEST_POSTGRES_URL"], !url.isEmpty { return url }
        let script = Fixtures.repositoryRoot.appendingPathComponent("scripts/postgres-test-server.sh").path
        // Output goes to a file, not a pipe: the cluster and its watcher inherit the
        // child's descriptors, so a pipe would never reach end-of-file.
        let output = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("loophub-pg-url-\(getpid())")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        // system(3), not Foundation's Process: its exit monitoring missed the script's
        // exit here (the child stayed a zombie), and a pipe would never see EOF.
        let status = system("/bin/sh '\(script)' --watch \(getpid()) > '\(output.path)'")
        guard status == 0, let text = try? String(contentsOf: output, encoding: .utf8) else { return nil }
        let url = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return url.hasPrefix("postgres://") ? url : nil
    }

    private var counter = 0

    /// Creates an empty database on the cluster and returns its URL.
    func freshDatabase(base: String) async throws -> String {
        counter += 1
        let name = "t\(getpid())_\(counter)_\(UInt32.random(in: 0...UInt32.max))"
        try await Self.execute("CREATE DATABASE \(name)", url: base)
        var components = URLComponents(string: base)!
        components.path = "/" + name
        return components.string!
    }

    /// Runs one statement outside the store (tests that try to break append-only).
    static func execute(_ sql: String, url: String) async throws {
        let components = URLComponents(string: url)!
        let configuration = PostgresClient.Configuration(
            host: components.host!, port: components.port ?? 5432, username: components.user ?? "postgres",
            password: components.password, database: String(components.path.dropFirst()), tls: .disable)
        let client = PostgresClient(configuration: configuration, backgroundLogger: Logger(label: "test"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            try await client.query(PostgresQuery(unsafeSQL: sql))
        }
    }
}

