import Foundation
import LoopTestSupport
import Testing
@testable import LoopMCP

/// The read-only tools answered without the SDK give byte-for-byte the same
/// result as the SDK's own pipeline, and everything unusual still goes through it.
@Suite struct ReadToolShortcutTests {
    @Test func shortcutAndSDKAnswerAlike() async throws {
        let fixture = try MCPFixture()
        defer { Task { await fixture.stop() } }
        let id = try fixture.seedLesson()
        try fixture.seedLesson(session: "session-2", artifact: "api-writer", file: "README.md")

        // Without `notifications/initialized` the connection is not shortcut: the SDK answers.
        let viaSDK = try MCPTestClient(path: fixture.socketPath)
        _ = try await viaSDK.request("initialize", [
            "protocolVersion": "2025-06-18", "capabilities": [String: Any](), "clientInfo": ["name": "claude-code", "version": "1"],
        ])
        let direct = try await fixture.client()

        let calls: [[String: Any]] = [
            ["name": "lessons_pending", "arguments": [String: Any]()],
            ["name": "lessons_pending", "arguments": ["artifact": "skill:api-writer", "limit": 5]],
            ["name": "lessons_pending"],
            ["name": "lesson_get", "arguments": ["id": String(id.prefix(13))]],
            ["name": "lessons_relevant", "arguments": ["artifact": "prd-writer"]],
        ]
        for call in calls {
            let expected = try await viaSDK.request("tools/call", call)
            let answered = try await direct.request("tools/call", call)
            // Compared as canonical JSON (sorted keys): the same bytes, whoever answered.
            let sdk = try Self.canonical(try #require(expected["result"]), call)
            let shortcut = try Self.canonical(try #require(answered["result"]), call)
            #expect(sdk == shortcut, "\(call)")
            #expect(answered["jsonrpc"] as? String == "2.0")
        }
        let pending = try await direct.call("lessons_pending")
        #expect(pending["count"] as? Int == 2)
    }

    static func canonical(_ value: Any, _ call: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]), as: UTF8.self)
    }

    @Test func errorsAndOtherToolsStillComeFromTheSDK() async throws {
        let fixture = try MCPFixture()
        defer { Task { await fixture.stop() } }
        let client = try await fixture.client()
        await #expect(throws: ToolCallError.self) { try await client.call("lessons_pending", ["limit": 0]) }
        await #expect(throws: ToolCallError.self) { try await client.call("lesson_get", ["id": "no-such-lesson"]) }
        let status = try await client.call("status")
        #expect(!status.isEmpty, "status is answered by the SDK's handler")
        // A string id and an unknown params key: the answer still matches the request.
        client.sendLine(#"{"jsonrpc":"2.0","id":"abc","method":"tools/call","params":{"name":"lessons_pending","arguments":{}}}"#)
        let line = try #require(await client.nextLine())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["id"] as? String == "abc")
        #expect(object["result"] != nil)
    }

    /// Inputs `make fuzz` found interesting (Fuzz/regressions/FuzzJSONRPCReader), replayed forever.
    @Test func fuzzRegressionsAreAnsweredOrDeclined() throws {
        let fixture = try MCPFixture()
        defer { Task { await fixture.stop() } }
        let shortcut = ReadToolShortcut(tools: fixture.tools)
        let folder = Fixtures.repositoryRoot.appendingPathComponent("Fuzz/regressions/FuzzJSONRPCReader")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where !name.hasPrefix(".") {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            for line in data.split(separator: 0x0A) {
                if let answer = shortcut.answer(Data(line)) {
                    #expect((try? JSONSerialization.jsonObject(with: answer)) != nil, "\(name)")
                }
            }
        }
    }

    @Test func theShortcutDeclinesWhatItDoesNotHandle() throws {
        let fixture = try MCPFixture()
        defer { Task { await fixture.stop() } }
        let shortcut = ReadToolShortcut(tools: fixture.tools)
        for line in [
            #"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#,
            #"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"lessons_refine","arguments":{}}}"#,
            #"{"jsonrpc":"2.0","method":"tools/call","params":{"name":"lessons_pending"}}"#,
            #"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"lessons_pending","arguments":[1]}}"#,
            #"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"lessons_pending","extra":true}}"#,
            #"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"lessons_pending","arguments":{"limit":"x"}}}"#,
            #"{"jsonrpc":"2.0","id":true,"method":"tools/call","params":{"name":"lessons_pending"}}"#,
            #"{"jsonrpc":"2.0","id":1.5,"method":"tools/call","params":{"name":"lessons_pending"}}"#,
            "not json",
        ] {
            #expect(shortcut.answer(Data(line.utf8)) == nil, "\(line)")
        }
        let answer = try #require(shortcut.answer(Data(#"{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"lessons_pending"}}"#.utf8)))
        let object = try #require(try JSONSerialization.jsonObject(with: answer) as? [String: Any])
        #expect(object["id"] as? Int == 7)
        let content = try #require(((object["result"] as? [String: Any])?["content"] as? [[String: Any]])?.first)
        #expect(content["type"] as? String == "text")
        #expect((content["text"] as? String)?.hasPrefix(#"{"count":0"#) == true)
    }
}
