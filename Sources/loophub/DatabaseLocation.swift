import Foundation
import LoopHub
import LoopHubPostgres
import Logging

/// Where the store lives and how to open it from a URL.
enum DatabaseLocation {
    static func defaultURL(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let url = environment["LOOPHUB_DATABASE"], !url.isEmpty { return url }
        if getuid() == 0 { return "sqlite:///var/lib/loophub/hub.sqlite3" }
        let state = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state"
        return "sqlite://" + state + "/loophub/hub.sqlite3"
    }

    /// Opens and migrates the store named by `url`.
    static func open(_ url: String, durable: Bool = false, logger: Logger) async throws -> any LessonStore {
        let store: any LessonStore
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            store = try PostgresLessonStore(url: url, logger: logger)
        } else if url.hasPrefix("sqlite://") {
            store = try SQLiteLessonStore(path: String(url.dropFirst("sqlite://".count)), durable: durable)
        } else if url.hasPrefix("/") || url.hasPrefix(".") {
            store = try SQLiteLessonStore(path: url, durable: durable)
        } else {
            throw StoreError.unsupportedURL(url.components(separatedBy: "@").last ?? "")
        }
        try await store.migrate()
        return store
    }
}
