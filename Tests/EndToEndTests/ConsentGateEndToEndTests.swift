import Foundation
import LoopTestSupport
import Testing

/// The consent gate against a real loopd, attacked the way issue 13 found it
/// open: an answer reused after a restart, an answer to another gate approving
/// a lesson the agent made itself, and the normal case of a gate answered in
/// a later session than the lesson's.
@Suite("consent gate end to end", .serialized, .enabled(if: LoopBinaries.available, "build loopd and loopctl first"))
struct ConsentGateEndToEndTests {
    func payload(_ harness: DaemonHarness, _ id: String) async throws -> String {
        let pending = try await MCPScript.call(harness, [("lessons_pending", ["limit": 100])])
        let lessons = pending.first?["lessons"] as? [[String: Any]] ?? []
        return try #require(lessons.first { $0["id"] as? String == id }?["payload"] as? String, "\(pending)")
    }

    func state(_ harness: DaemonHarness, _ id: String) async throws -> String? {
        try await harness.lessons().first { $0["id"] as? String == id }?["state"] as? String
    }

    @Test func oneAnswerAcrossARestartAndAnAgentsOwnLessonAreRefused() async throws {
        let harness = try DaemonHarness()
        defer { harness.user.root.remove() }
        var daemon = try await harness.startDaemon()
        let first = try await DeliveryEndToEndTests.seed(harness, count: 1)[0]
        let repo = harness.user.home.appendingPathComponent("work/app").path
        let transcript = try harness.projectDirectory(for: repo).appendingPathComponent("session-0.jsonl")
        let chat = ClaudeChat(session: "delivery-0", cwd: repo)
        let writer = try TranscriptWriter(path: transcript, appending: true)
        try writer.append(chat.gate(id: first, payload: try await payload(harness, first)))
        try writer.append(chat.user("s"))
        let approved = try await MCPScript.call(harness, [("lesson_consent", ["id": first, "decision": "send"])])
        #expect(approved.first?["error"] == nil, "\(approved)")
        #expect(try await state(harness, first) == "approved")

        // loopd restarts (the old ledger lived in its memory); the agent records a lesson of its own in
        // the same session and asks to approve it with the user's one "s", given to the other gate.
        await harness.stop(daemon)
        daemon = try await harness.startDaemon()
        let made = try await MCPScript.call(harness, [("feedback_submit", [
            "text": "the PRD had no Metrics section", "artifact_kind": "skill", "artifact_name": "prd-writer",
            "session_id": "session-0"])])
        let second = try #require((made.first?["lesson"] as? [String: Any])?["id"] as? String, "\(made)")
        let refused = try await MCPScript.call(harness, [("lesson_consent", ["id": second, "decision": "send"])])
        #expect(refused.first?["code"] as? Int == -32010, "\(refused)")
        #expect(try await state(harness, second) == "pending", "one typed answer approved a second lesson")
        await harness.stop(daemon)
    }

    @Test func aGateAnsweredInALaterSessionIsAccepted() async throws {
        let harness = try DaemonHarness()
        defer { harness.user.root.remove() }
        let daemon = try await harness.startDaemon()
        let id = try await DeliveryEndToEndTests.seed(harness, count: 1)[0]
        let repo = harness.user.home.appendingPathComponent("work/app").path
        // The next day's session: the skill shows the gate at its start and the user answers there.
        let later = try harness.projectDirectory(for: repo).appendingPathComponent("session-later.jsonl")
        let chat = ClaudeChat(session: "session-later", cwd: repo)
        let writer = try TranscriptWriter(path: later)
        try writer.append(chat.user("good morning"))
        try writer.append(chat.gate(id: id, payload: try await payload(harness, id)))
        try writer.append(chat.user("S"))
        let result = try await MCPScript.call(harness, [("lesson_consent", ["id": id, "decision": "send"])])
        #expect(result.first?["error"] == nil, "\(result)")
        #expect(try await state(harness, id) == "approved")
        let shown = try await harness.loopctl("show", id, "--json")
        #expect(shown.stdout.contains("session-later.jsonl line 3"), "the log says which answer consented")
        await harness.stop(daemon)
    }
}
