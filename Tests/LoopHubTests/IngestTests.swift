import Foundation
import LoopCore
@testable import LoopHub
import Testing

@Suite("POST /v1/lessons")
struct IngestTests {
    @Test("stored → 201, same body again → 200, same id other body → 409", arguments: StoreKind.allCases)
    func idempotency(kind: StoreKind) async throws {
        try await HubHarness.with(kind) { hub, client in
            let lesson = LessonFixtures.lesson()
            let first = try await client.post("/v1/lessons", token: hub.contributor, json: LessonFixtures.json(lesson))
            #expect(first.status == .created)
            #expect(try first.json()["status"] as? String == "stored")
            let again = try await client.post("/v1/lessons", token: hub.contributor, json: LessonFixtures.json(lesson))
            #expect(again.status == .ok)
            #expect(try again.json()["status"] as? String == "duplicate")
            var changed = lesson
            changed.summary = "A different lesson under the same id."
            let conflict = try await client.post("/v1/lessons", token: hub.contributor, json: LessonFixtures.json(changed))
            #expect(conflict.status == .conflict)
            let stored = try await hub.store.lesson(id: lesson.id)
            #expect(stored?.lesson == lesson)
            #expect(try await hub.store.totals().lessons == 1)
        }
    }

    @Test("key order and whitespace do not make a different body", arguments: StoreKind.allCases)
    func canonicalBody(kind: StoreKind) async throws {
        try await HubHarness.with(kind) { hub, client in
            let lesson = LessonFixtures.lesson()
            _ = try await client.post("/v1/lessons", token: hub.contributor, json: LessonFixtures.json(lesson))
            let object = try JSONSerialization.jsonObject(with: Data(LessonFixtures.json(lesson).utf8))
            let pretty = String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted]), as: UTF8.self)
            let replay = try await client.post("/v1/lessons", token: hub.contributor, json: pretty)
            #expect(replay.status == .ok)
        }
    }

    @Test("a leaked secret is quarantined: 202, rule names, only the redacted body kept", arguments: StoreKind.allCases)
    func quarantine(kind: StoreKind) async throws {
        try await HubHarness.with(kind) { hub, client in
            let secret = LessonFixtures.githubToken
            let lesson = LessonFixtures.lesson(summary: "Use the token \(secret) for the API.", after: "mail bob@example.com")
            let response = try await client.post("/v1/lessons", token: hub.contributor, json: LessonFixtures.json(lesson))
            #expect(response.status == .accepted)
            let body = try response.json()
            #expect(body["status"] as? String == "quarantined")
            #expect((body["rules"] as? [String])?.contains("secret:github") == true)
            #expect(try await hub.store.lesson(id: lesson.id) == nil)
            let listing = try await client.get("/v1/quarantine", token: hub.admin)
            #expect(listing.status == .ok)
            #expect(listing.text.contains(lesson.id))
            #expect(!listing.text.contains(secret))
            #expect(!listing.text.contains("bob@example.com"))
            // Replaying the same submission is idempotent; a clean body under that id conflicts.
            let replay = try await client.post("/v1/lessons", token: hub.contributor, json: LessonFixtures.json(lesson))
            #expect(replay.status == .accepted)
            let clean = try await client.post("/v1/lessons", token: hub.contributor, json: LessonFixtures.json(LessonFixtures.lesson(id: lesson.id)))
            #expect(clean.status == .conflict)
        }
    }

    /// REDACTION-ENGINE: these assertions need the real engine (issue 4). With the
    /// placeholder Redactor (verify returns []) they are skipped with a note; after
    /// integration they run and must pass.
    @Test("the shared Redactor catches GitHub tokens, AWS keys and e-mails on arrival")
    func realRedactorQuarantines() async throws {
        guard !Redactor().verify(LessonFixtures.githubToken).isEmpty else {
            print("note: REDACTION-ENGINE assertions skipped — Redactor is still the placeholder")
            return
        }
        try await HubHarness.with(.sqlite, leakCheck: Redactor()) { hub, client in
            for leak in [LessonFixtures.githubToken, LessonFixtures.awsKey, "alice@example.com"] {
                let lesson = LessonFixtures.lesson(summary: "Configure it with \(leak) first.")
                let response = try await client.post("/v1/lessons", token: hub.contributor, json: LessonFixtures.json(lesson))
                #expect(response.status == .accepted, "\(leak.prefix(4))… must be quarantined")
                let listing = try await client.get("/v1/quarantine", token: hub.admin)
                #expect(!listing.text.contains(leak))
            }
        }
    }

    @Test("over the rate limit → 429 with Retry-After")
    func rateLimit() async throws {
        try await HubHarness.with(.sqlite, rateLimit: 1) { hub, client in
            var statuses: [Int] = []
            for _ in 0..<4 {
                let response = try await client.post("/v1/lessons", token: hub.contributor,
                                                     json: LessonFixtures.json(LessonFixtures.lesson()))
                statuses.append(response.status.code)
                if response.status == .tooManyRequests { #expect(response.headers[.retryAfter] != nil) }
            }
            #expect(statuses.prefix(2) == [201, 201])
            #expect(statuses.contains(429))
        }
    }
}
