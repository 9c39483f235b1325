import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
@testable import LoopHub
import LoopCore

/// A hub over one fresh store with one token per role and state, driven through
/// HummingbirdTesting's router client (the real routes, middleware and store).
struct HubHarness: Sendable {
    let kind: StoreKind
    let testStore: TestStore
    let hub: Hub
    var store: any LessonStore { testStore.store }
    let admin: String
    let contributor: String
    /// An author granted `prd-*` and `review-helper`.
    let author: String
    let expired: String
    let revoked: String

    /// Runs `body` against a hub on `kind`; returns without running it when the
    /// backend is unavailable (PostgreSQL, reported loudly by `PostgresTestServer`).
    static func with(_ kind: StoreKind, rateLimit: Double = 0, leakCheck: any LeakCheck = FakeLeakCheck(),
                     _ body: @escaping @Sendable (HubHarness, any TestClientProtocol) async throws -> Void) async throws {
        guard let testStore = try await kind.makeStore() else {
            if PostgresTestServer.required { Issue.record("PostgreSQL required (LOOP_REQUIRE_POSTGRES=1) but unavailable") }
            return
        }
        let store = testStore.store
        func issue(_ role: Role, _ artifacts: [String] = [], expiresAt: Date? = nil) async throws -> String {
            let (token, record) = TokenSecret.issue(email: "\(role)@example.test", role: role, artifacts: artifacts,
                                                    expiresAt: expiresAt)
            try await store.insertToken(record)
            return token
        }
        let revoked = try await issue(.contributor)
        _ = try await store.revokeToken(id: TokenSecret.id(of: revoked)!, at: Date())
        let harness = HubHarness(
            kind: kind, testStore: testStore,
            hub: Hub(store: store, leakCheck: leakCheck, rateLimit: rateLimit, tokenCacheSeconds: 0),
            admin: try await issue(.admin), contributor: try await issue(.contributor),
            author: try await issue(.author, ["prd-*", "review-helper"]),
            expired: try await issue(.contributor, expiresAt: Date().addingTimeInterval(-60)), revoked: revoked)
        let app = harness.hub.application(host: "127.0.0.1", port: 0, logger: Logger(label: "test"))
        do {
            try await app.test(.router) { client in try await body(harness, client) }
        } catch {
            await testStore.close()
            throw error
        }
        await testStore.close()
    }
}

/// Flags `ghp_…`-style GitHub tokens, `AKIA…` AWS keys and e-mail addresses and
/// replaces them with placeholders: a stand-in for the redaction engine so the
/// quarantine path is tested whatever state the engine is in.
struct FakeLeakCheck: LeakCheck {
    static let patterns: [(String, String)] = [
        ("secret:github", #"ghp_[A-Za-z0-9]{36}"#), ("secret:aws", #"AKIA[A-Z0-9]{16}"#),
        ("email", #"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"#),
    ]

    func verify(_ text: String) -> [String] {
        Self.patterns.compactMap { name, pattern in text.range(of: pattern, options: .regularExpression) == nil ? nil : name }
    }

    func redact(_ texts: [String]) -> [String] {
        texts.map { text in
            Self.patterns.reduce(text) { text, rule in
                text.replacingOccurrences(of: rule.1, with: "[\(rule.0)]", options: .regularExpression)
            }
        }
    }
}

extension TestClientProtocol {
    func post(_ uri: String, token: String?, json: String) async throws -> TestResponse {
        try await executeRequest(uri: uri, method: .post, headers: Self.headers(token), body: ByteBuffer(string: json))
    }

    func post(_ uri: String, token: String?, bytes: [UInt8]) async throws -> TestResponse {
        try await executeRequest(uri: uri, method: .post, headers: Self.headers(token), body: ByteBuffer(bytes: bytes))
    }

    func get(_ uri: String, token: String?, accept: String? = nil) async throws -> TestResponse {
        var headers = Self.headers(token)
        if let accept { headers[.accept] = accept }
        return try await executeRequest(uri: uri, method: .get, headers: headers, body: nil)
    }

    static func headers(_ token: String?) -> HTTPFields {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return headers
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    func json() throws -> [String: Any] {
        (try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:]
    }
}
