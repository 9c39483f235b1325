import Foundation
import LoopTestSupport
import Testing

/// The agent's second opinion against a real loopd: a lesson loopd recorded
/// from a transcript is judged by its context and dismissed over MCP; loopctl
/// then counts it, lists it, explains it, and never sends it.
@Suite("dismiss end to end", .serialized, HubHarness.required)
struct DismissEndToEndTests {
    @Test func aDismissedLessonIsCountedAndNeverSent() async throws {
        let hub = try HubHarness()
        defer { hub.directory.remove() }
        try await hub.start()
        let contributor = try await hub.token(role: "contributor")
        let harness = try DaemonHarness()
        defer { harness.user.root.remove() }
        try await DeliveryEndToEndTests().login(harness, hub: hub, token: contributor)
        let daemon = try await harness.startDaemon()
        let id = try await DeliveryEndToEndTests.seed(harness, count: 1)[0]

        // What the agent judges by: its own output and claim, the user's words, why loop flagged it.
        let pending = try await MCPScript.call(harness, [("lessons_pending", [:])])
        let lesson = try #require((pending.first?["lessons"] as? [[String: Any]])?.first, "\(pending)")
        let context = try #require(lesson["context"] as? [String: Any], "\(lesson)")
        #expect(context["agentLastWords"] as? String == "Here is the PRD for search, in free form.")
        #expect((context["userSaid"] as? String)?.contains("Problem/Solution/Metrics") == true, "\(context)")
        let why = context["whyFlagged"] as? [String: Any]
        #expect(why?["signal"] as? String == "chat-correction")
        #expect((why?["scores"] as? [String])?.first?.hasPrefix("score ") == true, "\(context)")

        let dismissed = try await MCPScript.call(harness, [
            ("lesson_dismiss", ["id": id, "reason_kind": "users-change-of-mind", "reason": "The user chose a new template after the PRD was written."]),
            ("lesson_dismiss", ["id": id, "reason_kind": "not-a-defect", "reason": "again"]),
        ])
        #expect((dismissed.first?["lesson"] as? [String: Any])?["state"] as? String == "dismissed", "\(dismissed)")
        #expect(dismissed.last?["code"] as? Int == -32012, "only a pending lesson can be dismissed: \(dismissed)")

        let status = try await harness.loopctl("status", "--json")
        let report = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
        let counts = report?["lessons"] as? [String: Int]
        #expect(counts?["dismissed"] == 1 && counts?["pending"] == 0, "\(status.stdout)")
        let text = try await harness.loopctl("status")
        #expect(text.stdout.contains("dismissed 1"), "\(text.stdout)")
        let listed = try await harness.loopctl("list", "--state", "dismissed")
        #expect(listed.stdout.contains(String(id.prefix(13))) && listed.stdout.contains("dismissed "), "\(listed.stdout)")
        let shown = try await harness.loopctl("show", id)
        #expect(shown.stdout.contains("dismissed (users-change-of-mind): The user chose a new template"), "\(shown.stdout)")
        #expect(shown.stdout.contains("mcp  pending → dismissed"), "\(shown.stdout)")

        // Named explicitly, it is still not approved nor sent; loopd's sender never picks it either.
        let send = try await harness.loopctl("send", String(id.prefix(13)))
        #expect(send.stdout.contains("dismissed"), "\(send.stdout) \(send.stderr)")
        try await Task.sleep(for: .seconds(1))
        #expect(try await hub.ingestRequests() == 0, "the hub saw no request for a dismissed lesson")
        #expect(try await harness.lessons().first { $0["id"] as? String == id }?["state"] as? String == "dismissed")
        await harness.stop(daemon)
        await hub.stop()
    }
}
