import Foundation
import LoopCore
@testable import LoopHub
import Testing

@Suite("Auth matrix")
struct AuthTests {
    @Test("refused callers get the right status", arguments: StoreKind.allCases)
    func matrix(kind: StoreKind) async throws {
        try await HubHarness.with(kind) { hub, client in
            let body = LessonFixtures.json(LessonFixtures.lesson())
            let malformed = "lh_" + String(repeating: "A", count: 43)
            let cases: [(String, String?, String, Int)] = [
                ("no token", nil, "POST", 401), ("bad token", malformed, "POST", 401),
                ("garbage token", "hello", "POST", 401), ("expired", hub.expired, "POST", 401),
                ("revoked", hub.revoked, "POST", 401), ("author submitting", hub.author, "POST", 403),
                ("no token reading", nil, "GET", 401), ("contributor reading", hub.contributor, "GET", 403),
                ("expired reading", hub.expired, "GET", 401),
            ]
            for (name, token, method, status) in cases {
                let response = method == "POST"
                    ? try await client.post("/v1/lessons", token: token, json: body)
                    : try await client.get("/v1/lessons", token: token)
                #expect(response.status.code == status, "\(name): \(response.text)")
                #expect(try response.json()["error"] != nil, "\(name)")
            }
            #expect(try await client.get("/v1/quarantine", token: hub.author).status == .forbidden)
            #expect(try await client.get("/v1/quarantine", token: hub.contributor).status == .forbidden)
            #expect(try await client.get("/v1/artifacts", token: hub.contributor).status == .forbidden)
            #expect(try await hub.store.totals().lessons == 0)
        }
    }

    @Test("an author reads only its artifacts", arguments: StoreKind.allCases)
    func authorScope(kind: StoreKind) async throws {
        try await HubHarness.with(kind) { hub, client in
            let mine = LessonFixtures.lesson(artifact: "prd-writer")
            let other = LessonFixtures.lesson(artifact: "sql-helper")
            for lesson in [mine, other] {
                #expect(try await client.post("/v1/lessons", token: hub.contributor, json: LessonFixtures.json(lesson)).status == .created)
            }
            let listing = try await client.get("/v1/lessons", token: hub.author)
            #expect(listing.status == .ok)
            #expect(listing.text.contains(mine.id) && !listing.text.contains(other.id))
            #expect(try await client.get("/v1/lessons?artifact=sql-helper", token: hub.author).status == .forbidden)
            // Another artifact's lesson answers exactly like a missing id: same status, same body.
            let outside = try await client.get("/v1/lessons/\(other.id)", token: hub.author)
            let missing = try await client.get("/v1/lessons/\(LessonFixtures.id())", token: hub.author)
            #expect(outside.status == .notFound && outside.text == missing.text)
            #expect(!outside.text.contains("sql-helper"))
            #expect(try await !client.get("/v1/lessons?artifact=sql-helper", token: hub.author).text.contains("sql-helper"))
            #expect(try await client.get("/v1/lessons/\(mine.id)", token: hub.author).status == .ok)
            let counts = try await client.get("/v1/artifacts", token: hub.author)
            #expect(counts.text.contains("prd-writer") && !counts.text.contains("sql-helper"))
            let all = try await client.get("/v1/artifacts", token: hub.admin)
            #expect(all.text.contains("prd-writer") && all.text.contains("sql-helper"))
        }
    }

    @Test("tokens: only a salted hash is stored, compared whole")
    func tokenSecrets() {
        let (token, record) = TokenSecret.issue(email: "a@example.test", role: .admin, artifacts: [], expiresAt: nil)
        #expect(token.hasPrefix("lh_") && token.count == 46)
        #expect(TokenSecret.matches(token, record))
        #expect(!TokenSecret.matches(String(token.dropLast()) + (token.last == "A" ? "B" : "A"), record))
        #expect(!record.hash.isEmpty && record.salt.count == 16)
        let (again, second) = TokenSecret.issue(email: "a@example.test", role: .admin, artifacts: [], expiresAt: nil)
        #expect(again != token && second.salt != record.salt)
    }

    @Test("artifact globs", arguments: [("prd-*", "prd-writer", true), ("prd-*", "xprd-writer", false),
                                        ("a?c", "abc", true), ("a?c", "abbc", false), ("*", "", true),
                                        ("100%", "100%", true), ("100%", "1000", false), ("a_b", "axb", false)])
    func globs(pattern: String, name: String, matches: Bool) {
        #expect(ArtifactGlob(pattern).matches(name) == matches)
    }
}
