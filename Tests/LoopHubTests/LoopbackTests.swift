import Foundation
import LoopCore
@testable import LoopHub
import Testing

@Suite("loopback compatibility")
struct LoopbackTests {
    static let record = """
        {"schemaVersion": 1, "artifact": {"kind": "artifact", "id": "prd-writer", "version": "1.2.0"},
         "summary": "PRDs need a Metrics section.", "evidenceExcerpt": "user added ## Metrics",
         "severity": "high", "confidence": "low", "workType": "prd", "clusterKey": "prd-writer:prd:metrics",
         "client": {"plugin": "loopback@0.4.0", "harness": "claude-code"}}
        """

    @Test("POST /feedback stores loopback's record as a v1 lesson", arguments: StoreKind.allCases)
    func feedback(kind: StoreKind) async throws {
        try await HubHarness.with(kind) { hub, client in
            let response = try await client.post("/feedback", token: hub.contributor, json: Self.record)
            #expect(response.status == .ok)
            let answer = try response.json()
            #expect(answer["status"] as? String == "stored")
            let id = try #require(answer["id"] as? String)
            let stored = try #require(try await hub.store.lesson(id: id))
            #expect(stored.lesson.artifact == .init(kind: .skill, name: "prd-writer", version: "1.2.0"))
            #expect(stored.lesson.confidence == 0.3 && stored.lesson.severity == .high)
            #expect(stored.lesson.harness.name == "claude-code" && stored.source == .loopback)
            #expect(stored.origin?.contains("prd-writer:prd:metrics") == true)
            let invalid = try await client.post("/feedback", token: hub.contributor, json: #"{"schemaVersion": 2}"#)
            #expect(invalid.status == .badRequest)
            #expect(try await client.post("/feedback", token: nil, json: Self.record).status == .unauthorized)
            let leaked = Self.record.replacingOccurrences(of: "PRDs need", with: "\(LessonFixtures.awsKey) needs")
            let quarantined = try await client.post("/feedback", token: hub.contributor, json: leaked)
            #expect(quarantined.status == .unprocessableContent)
            #expect((try quarantined.json()["patterns"] as? [String])?.isEmpty == false)
        }
    }

    /// Found by schemathesis: empty optional strings must not yield a lesson that breaks v1.
    @Test("empty optional strings in a loopback record map to a valid v1 lesson")
    func emptyStrings() async throws {
        try await HubHarness.with(.sqlite) { hub, client in
            let record = #"{"schemaVersion":1,"artifact":{"kind":"skill","id":"x","version":"","repo":""},"summary":"s","client":{"plugin":"","harness":""}}"#
            let response = try await client.post("/feedback", token: hub.contributor, json: record)
            #expect(response.status == .ok)
            let id = try #require(try response.json()["id"] as? String)
            let stored = try #require(try await hub.store.lesson(id: id))
            #expect(stored.lesson.harness.name == "unknown" && stored.lesson.client.version == "unknown")
            #expect(stored.lesson.artifact.version == nil)
            #expect(throws: Never.self) { try LessonValidator.lesson(from: Data(stored.body.utf8)) }
        }
    }

    @Test("MCP streamable HTTP: initialize, tools/list, tools/call submit_feedback", arguments: StoreKind.allCases)
    func mcp(kind: StoreKind) async throws {
        try await HubHarness.with(kind) { hub, client in
            let initialize = try await client.post("/mcp", token: hub.contributor, json: """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}
                """)
            #expect(initialize.status == .ok)
            let result = try #require(try initialize.json()["result"] as? [String: Any])
            #expect(result["protocolVersion"] as? String == "2025-06-18")
            #expect((result["capabilities"] as? [String: Any])?["tools"] != nil)
            let notified = try await client.post("/mcp", token: hub.contributor, json: #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)
            #expect(notified.status == .accepted)
            let list = try await client.post("/mcp", token: hub.contributor, json: #"{"jsonrpc":"2.0","id":2,"method":"tools/list"}"#)
            #expect(list.text.contains("submit_feedback") && list.text.contains("artifactKind"))
            let call = try await client.post("/mcp", token: hub.contributor, json: """
                {"jsonrpc":"2.0","id":"3","method":"tools/call","params":{"name":"submit_feedback","arguments":{"artifactKind":"agent","artifactId":"code-reviewer","summary":"Reviews must cite the line."}}}
                """)
            let content = try #require(((try call.json()["result"] as? [String: Any])?["content"] as? [[String: Any]])?.first)
            let payload = try JSONSerialization.jsonObject(with: Data((content["text"] as? String ?? "").utf8)) as? [String: Any]
            #expect(payload?["status"] as? String == "ok")
            let id = try #require(payload?["id"] as? String)
            #expect(try await hub.store.lesson(id: id)?.lesson.artifact.kind == .agent)
            let bad = try await client.post("/mcp", token: hub.contributor, json: """
                {"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"submit_feedback","arguments":{"artifactKind":"agent"}}}
                """)
            #expect(bad.text.contains("\\\"status\\\":\\\"error\\\"") && bad.text.contains("\"isError\":true"))
            #expect(try await client.post("/mcp", token: nil, json: "{}").status == .unauthorized)
            let unknown = try await client.post("/mcp", token: hub.contributor, json: #"{"jsonrpc":"2.0","id":5,"method":"nope"}"#)
            #expect(unknown.text.contains("-32601"))
        }
    }
}
