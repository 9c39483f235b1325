import Foundation
import LoopCore
@testable import LoopHub
import Testing

@Suite("Read-back")
struct ReadTests {
    @Test("cursor pagination returns every lesson once, in arrival order", arguments: StoreKind.allCases)
    func pagination(kind: StoreKind) async throws {
        try await HubHarness.with(kind) { hub, client in
            var ids: [String] = []
            for index in 0..<7 {
                let lesson = LessonFixtures.lesson(artifact: index.isMultiple(of: 2) ? "prd-writer" : "review-helper")
                ids.append(lesson.id)
                #expect(try await client.post("/v1/lessons", token: hub.contributor, json: LessonFixtures.json(lesson)).status == .created)
            }
            var seen: [String] = []
            var cursor: String?
            repeat {
                let uri = "/v1/lessons?limit=3" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await client.get(uri, token: hub.admin).json()
                let lessons = page["lessons"] as? [[String: Any]] ?? []
                #expect(lessons.count <= 3)
                seen += lessons.compactMap { ($0["lesson"] as? [String: Any])?["id"] as? String }
                cursor = page["nextCursor"] as? String
            } while cursor != nil
            #expect(Set(seen) == Set(ids))
            #expect(seen.count == ids.count)
            let filtered = try await client.get("/v1/lessons?artifact=review-helper&severity=medium&kind=skill", token: hub.admin).json()
            #expect((filtered["lessons"] as? [Any])?.count == 3)
            let none = try await client.get("/v1/lessons?signal=revert", token: hub.admin).json()
            #expect((none["lessons"] as? [Any])?.isEmpty == true)
            let future = try await client.get("/v1/lessons?since=2999-01-01T00:00:00Z", token: hub.admin).json()
            #expect((future["lessons"] as? [Any])?.isEmpty == true)
            let past = try await client.get("/v1/lessons?until=2000-01-01T00:00:00Z", token: hub.admin).json()
            #expect((past["lessons"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("CSV on Accept: text/csv, formula cells neutralised", arguments: StoreKind.allCases)
    func csv(kind: StoreKind) async throws {
        try await HubHarness.with(kind) { hub, client in
            let lesson = LessonFixtures.lesson(summary: "=HYPERLINK(\"http://x\"), then \"quotes\"")
            _ = try await client.post("/v1/lessons", token: hub.contributor, json: LessonFixtures.json(lesson))
            let response = try await client.get("/v1/lessons", token: hub.admin, accept: "text/csv")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/csv") == true)
            let lines = response.text.components(separatedBy: "\r\n")
            #expect(lines[0].hasPrefix("id,receivedAt,createdAt"))
            #expect(lines[1].hasPrefix(lesson.id))
            #expect(response.text.contains("\"'=HYPERLINK(\"\"http://x\"\"), then \"\"quotes\"\"\""))
        }
    }

    @Test("GET one lesson: 200, unknown id 404, malformed id 400", arguments: StoreKind.allCases)
    func single(kind: StoreKind) async throws {
        try await HubHarness.with(kind) { hub, client in
            let lesson = LessonFixtures.lesson()
            _ = try await client.post("/v1/lessons", token: hub.contributor, json: LessonFixtures.json(lesson))
            let found = try await client.get("/v1/lessons/\(lesson.id)", token: hub.admin)
            #expect(found.status == .ok)
            #expect((try found.json()["lesson"] as? [String: Any])?["summary"] as? String == lesson.summary)
            #expect(try await client.get("/v1/lessons/\(LessonFixtures.id())", token: hub.admin).status == .notFound)
            #expect(try await client.get("/v1/lessons/nope", token: hub.admin).status == .badRequest)
        }
    }
}
