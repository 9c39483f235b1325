import Foundation
import LoopCore
import LoopMCP
import LoopStore
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The endpoint over a real unix socket, spoken to in raw newline-delimited JSON-RPC.
@Suite struct SocketServerTests {
    @Test func socketAndDirectoryArePrivate() async throws {
        let fixture = try MCPFixture()
        var info = stat()
        #expect(stat(fixture.socketPath, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
        #expect(stat((fixture.socketPath as NSString).deletingLastPathComponent, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o700)
        await fixture.stop()
    }

    @Test func initializeNegotiatesAndListsAnnotatedTools() async throws {
        let fixture = try MCPFixture()
        let client = try MCPTestClient(path: fixture.socketPath)
        let initialized = try await client.request("initialize", [
            "protocolVersion": "2025-06-18", "capabilities": [String: Any](), "clientInfo": ["name": "test", "version": "1"],
        ])
        let result = try #require(initialized["result"] as? [String: Any])
        #expect(result["protocolVersion"] as? String == "2025-06-18")
        client.sendLine(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)
        let listed = try #require(try await client.request("tools/list")["result"] as? [String: Any])
        let tools = try #require(listed["tools"] as? [[String: Any]])
        let byName = Dictionary(uniqueKeysWithValues: tools.map { ($0["name"] as? String ?? "", $0) })
        #expect(Set(byName.keys) == ["lessons_pending", "lesson_get", "lesson_refine", "lesson_consent", "lesson_dismiss", "feedback_submit", "lessons_relevant", "status"])
        for name in ["lessons_pending", "lesson_get", "lessons_relevant", "status"] {
            #expect((byName[name]?["annotations"] as? [String: Any])?["readOnlyHint"] as? Bool == true, "\(name)")
        }
        #expect((byName["lesson_consent"]?["annotations"] as? [String: Any])?["destructiveHint"] as? Bool == true)
        let schema = try #require(byName["lesson_consent"]?["inputSchema"] as? [String: Any])
        #expect(schema["required"] as? [String] == ["id", "decision"])
        await fixture.stop()
    }

    @Test func malformedInputGetsAnErrorAndTheConnectionLivesOn() async throws {
        let fixture = try MCPFixture()
        let client = try await fixture.client()
        client.sendLine("this is not json")
        let error = try #require(await client.nextLine())
        #expect(error.contains("-32700"))
        client.sendLine("{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":\"tools/call\",\"params\":{\"name\":\"nope\"}}")
        #expect(try #require(await client.nextLine()).contains("unknown tool nope"))
        // Wrong argument types are an invalid-params error with what to fix.
        await #expect(throws: ToolCallError.self) { try await client.call("lessons_pending", ["limit": "many"]) }
        let status = try await client.call("status")
        #expect((status["lessons"] as? [String: Int])?["pending"] == 0)
        await fixture.stop()
    }

    /// A message split at every byte still arrives whole; `\r\n` endings work.
    @Test func framingAcrossTinyWrites() async throws {
        let fixture = try MCPFixture()
        let client = try await fixture.client()
        let message = #"{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"status","arguments":{}}}"# + "\r\n"
        for byte in message.utf8 {
            _ = withUnsafeBytes(of: byte) { write(client.fd, $0.baseAddress, 1) }
        }
        let line = try #require(await client.nextLine())
        #expect(line.contains("\"id\":7"))
        #expect(line.contains("\"content\""))
        await fixture.stop()
    }

    /// Two agents at once: each gets its own answers, and one closing does not touch the other.
    @Test func connectionsAreIsolated() async throws {
        let fixture = try MCPFixture()
        try fixture.seedLesson(session: "a")
        try fixture.seedLesson(session: "b", artifact: "changelog")
        let first = try await fixture.client()
        let second = try await fixture.client()
        let onlyA = try await first.call("lessons_pending", ["session_id": "a"])
        let onlyB = try await second.call("lessons_pending", ["session_id": "b"])
        #expect(onlyA["count"] as? Int == 1)
        #expect(onlyB["count"] as? Int == 1)
        first.sendLine(String(repeating: "{", count: 10))  // garbage on one connection
        first.close()
        #expect(try await second.call("lessons_pending")["count"] as? Int == 2)
        await fixture.stop()
    }

    /// A client that sends a request and shuts its write side still gets the answer.
    @Test func answersAfterHalfClose() async throws {
        let fixture = try MCPFixture()
        let client = try await fixture.client()
        client.sendLine(#"{"jsonrpc":"2.0","id":42,"method":"tools/call","params":{"name":"status","arguments":{}}}"#)
        shutdown(client.fd, Int32(SHUT_WR))
        #expect(try #require(await client.nextLine()).contains("\"id\":42"))
        #expect(await client.nextLine() == nil)
        await fixture.stop()
    }

    @Test func aLiveSocketIsNotStolenAndAStaleOneIsReplaced() async throws {
        let fixture = try MCPFixture()
        #expect(throws: ListeningSocket.Failure.self) { try ListeningSocket.bind(path: fixture.socketPath) }
        let staleDirectory = fixture.directory.appending("stale").path
        let stalePath = staleDirectory + "/s.sock"
        let first = try ListeningSocket.bind(path: stalePath)
        close(first)  // the file stays, nobody answers: a crashed daemon's leftover
        let second = try ListeningSocket.bind(path: stalePath)
        close(second)
        await fixture.stop()
    }
}
