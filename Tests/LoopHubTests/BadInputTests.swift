import Foundation
import LoopCore
@testable import LoopHub
import Testing

@Suite("Bad input → 4xx, a clear message, nothing stored")
struct BadInputTests {
    static func mutated(_ change: (inout [String: Any]) -> Void) -> String {
        var object = try! JSONSerialization.jsonObject(with: Data(LessonFixtures.json(LessonFixtures.lesson()).utf8)) as! [String: Any]
        change(&object)
        return String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    /// (name, body, the field the message must name)
    static let cases: [(String, String, String)] = [
        ("malformed JSON", "{\"schema\": \"loop.lesson/v1\",", "body"),
        ("not an object", "[1, 2, 3]", "body"),
        ("unknown field", mutated { $0["extra"] = 1 }, "extra"),
        ("unknown nested field", mutated { $0["artifact"] = ["kind": "skill", "name": "x", "owner": "y"] }, "artifact.owner"),
        ("confidence as string", mutated { $0["confidence"] = "high" }, "confidence"),
        ("confidence out of range", mutated { $0["confidence"] = 7 }, "confidence"),
        ("summary as number", mutated { $0["summary"] = 42 }, "summary"),
        ("signal outside the enum", mutated { $0["signal"] = "vibes" }, "signal"),
        ("summary too long", mutated { $0["summary"] = String(repeating: "x", count: 1_001) }, "summary"),
        ("missing id", mutated { $0.removeValue(forKey: "id") }, "id"),
        ("SQL in the id", mutated { $0["id"] = "x'); DROP TABLE lessons; --" }, "id"),
        ("bad timestamp", mutated { $0["createdAt"] = "yesterday" }, "createdAt"),
        ("wrong schema", mutated { $0["schema"] = "loop.lesson/v2" }, "schema"),
        ("NUL in a string", mutated { $0["summary"] = "a\u{0}b" }, "summary"),
        ("negative redaction count", mutated { $0["redactions"] = ["email": -1] }, "redactions.email"),
    ]

    @Test("invalid bodies → 400 naming the field", arguments: StoreKind.allCases)
    func invalidBodies(kind: StoreKind) async throws {
        try await HubHarness.with(kind) { hub, client in
            for (name, body, field) in Self.cases {
                let response = try await client.post("/v1/lessons", token: hub.contributor, json: body)
                #expect(response.status == .badRequest, "\(name)")
                let answer = try response.json()
                #expect(answer["field"] as? String == field, "\(name): \(response.text)")
                #expect((answer["message"] as? String)?.isEmpty == false)
            }
            #expect(try await hub.store.totals().lessons == 0)
        }
    }

    @Test("invalid UTF-8 → 400; body over 64 KiB → 413", arguments: StoreKind.allCases)
    func bytesAndSize(kind: StoreKind) async throws {
        try await HubHarness.with(kind) { hub, client in
            var bytes = Array(LessonFixtures.json(LessonFixtures.lesson()).utf8)
            bytes.insert(contentsOf: [0xC3, 0x28, 0xFF], at: bytes.firstIndex(of: UInt8(ascii: "P"))!)
            let invalid = try await client.post("/v1/lessons", token: hub.contributor, bytes: bytes)
            #expect(invalid.status == .badRequest)
            #expect(invalid.text.contains("UTF-8"))
            let huge = BadInputTests.mutated { $0["summary"] = String(repeating: "x", count: 70_000) }
            let tooLarge = try await client.post("/v1/lessons", token: hub.contributor, json: huge)
            #expect(tooLarge.status == .contentTooLarge)
            #expect(try await hub.store.totals().lessons == 0)
        }
    }

    @Test("SQL in free text is stored verbatim (bound, never spliced) and the tables survive", arguments: StoreKind.allCases)
    func sqlInText(kind: StoreKind) async throws {
        try await HubHarness.with(kind) { hub, client in
            let lesson = LessonFixtures.lesson(summary: "Robert'); DROP TABLE lessons; -- and ' OR '1'='1")
            let response = try await client.post("/v1/lessons", token: hub.contributor, json: LessonFixtures.json(lesson))
            #expect(response.status == .created)
            #expect(try await hub.store.lesson(id: lesson.id)?.lesson.summary == lesson.summary)
            let filtered = try await client.get("/v1/lessons?artifact=x%27%20OR%20%271%27%3D%271", token: hub.admin)
            #expect(filtered.status == .ok)
            #expect(try (filtered.json()["lessons"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("bad query parameters → 400")
    func badQueries() async throws {
        try await HubHarness.with(.sqlite) { hub, client in
            for query in ["severity=urgent", "limit=0", "limit=5000", "cursor=%%%", "since=last-week", "colour=blue"] {
                let response = try await client.get("/v1/lessons?\(query)", token: hub.admin)
                #expect(response.status == .badRequest, "\(query)")
            }
        }
    }
}
