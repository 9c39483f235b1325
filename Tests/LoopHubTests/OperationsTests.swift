import Foundation
@testable import LoopHub
import Testing

@Suite("OpenAPI, metrics, health")
struct OperationsTests {
    @Test("every registered route is in /openapi.json and every documented route is registered")
    func openAPIMatchesRouter() async throws {
        let store = try #require(try await StoreKind.sqlite.makeStore())
        let routes = Hub(store: store.store).router().routes
        await store.close()
        let document = try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json.utf8)) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        var documented: Set<Hub.RouteDescription> = []
        for (path, operations) in paths {
            for method in operations.keys where ["get", "post", "put", "delete", "patch"].contains(method) {
                documented.insert(.init(method: method.uppercased(), path: path))
            }
        }
        #expect(Set(routes) == documented)
        #expect(routes.count == Set(routes).count)
    }

    @Test("every $ref in the document resolves")
    func openAPIReferences() throws {
        let text = OpenAPIDocument.json
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let components = try #require(document["components"] as? [String: [String: Any]])
        let regex = try NSRegularExpression(pattern: ##""\$ref": "#/components/(\w+)/(\w+)""##)
        for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            let section = String(text[Range(match.range(at: 1), in: text)!])
            let name = String(text[Range(match.range(at: 2), in: text)!])
            #expect(components[section]?[name] != nil, "#/components/\(section)/\(name)")
        }
    }

    @Test("/metrics counts requests by route and status; /healthz answers", arguments: StoreKind.allCases)
    func metrics(kind: StoreKind) async throws {
        try await HubHarness.with(kind) { hub, client in
            _ = try await client.post("/v1/lessons", token: hub.contributor, json: LessonFixtures.json(LessonFixtures.lesson()))
            _ = try await client.post("/v1/lessons", token: nil, json: "{}")
            #expect(try await client.get("/healthz", token: nil).status == .ok)
            let metrics = try await client.get("/metrics", token: nil)
            #expect(metrics.status == .ok)
            let text = metrics.text
            #expect(text.contains(#"loophub_http_requests_total{route="/v1/lessons",method="POST",status="201"} 1"#))
            #expect(text.contains(#"loophub_http_requests_total{route="/v1/lessons",method="POST",status="401"} 1"#))
            #expect(text.contains("loophub_http_request_duration_seconds_bucket{route=\"/v1/lessons\",le=\"+Inf\"} 2"))
            #expect(text.contains("loophub_lessons_stored 1"))
            #expect(text.contains("loophub_lessons_quarantined 0"))
            #expect(try await client.get("/nowhere", token: nil).status == .notFound)
        }
    }
}
