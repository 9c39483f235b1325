import Foundation
import LoopCore
import LoopMCP
import LoopStore
import Testing

/// The second opinion: `lessons_pending` gives the agent each candidate's
/// context, and `lesson_dismiss` drops a false alarm before any consent gate.
@Suite struct DismissToolTests {
    /// A chat correction as loopd records it: the agent's claim and the scorer's breakdown kept.
    func seedChatCorrection(_ fixture: MCPFixture, session: String = "session-1") throws -> String {
        let date = Date()
        let id = UUIDv7.make(at: date, random: (0..<10).map { _ in UInt8.random(in: 0...255) })
        let lesson = Lesson(
            id: id, createdAt: ISO8601.string(date), harness: .init(name: "claude-code", version: "2.1.0"),
            artifact: .init(kind: .skill, name: "prd-writer"), signal: .chatCorrection, category: .wrongOutput,
            severity: .medium, confidence: 0.7, summary: "The user corrected output of skill prd-writer: \"actually, add a risks section too\"",
            excerpt: .init(before: "## Metrics", after: "actually, add a risks section too", language: "markdown"),
            redactions: [:], client: .init(name: "loopd", version: "0.1.0"))
        let evidence = Evidence(
            signal: .chatCorrection, sessionID: session, transcriptPath: "/t/\(session).jsonl", line: 9, byteOffset: 900,
            recordID: nil, commit: nil, file: "docs/prd.md", before: "## Metrics", after: "actually, add a risks section too",
            note: "the user's next message corrected the agent's output", observedAt: date,
            agentClaim: "Done: the PRD is complete.", scoreExplanation: "score 2.0 ≥ 2.0: correction +2.0 (\"actually\")")
        try fixture.outbox.record(
            candidate: lesson, evidence: evidence,
            debounceKey: DebounceKey(harness: .claudeCode, sessionID: session, artifact: .init(kind: .skill, name: "prd-writer")),
            actor: .daemon, at: date)
        return id
    }

    @Test func pendingCarriesWhatTheAgentNeedsToJudge() async throws {
        let fixture = try MCPFixture()
        let id = try seedChatCorrection(fixture)
        let client = try await fixture.client()
        let result = try await client.call("lessons_pending", [:])
        let lesson = try #require((result["lessons"] as? [[String: Any]])?.first)
        #expect(lesson["id"] as? String == id)
        let context = try #require(lesson["context"] as? [String: Any])
        #expect(context["agentProduced"] as? String == "## Metrics")
        #expect(context["agentLastWords"] as? String == "Done: the PRD is complete.")
        #expect(context["userSaid"] as? String == "actually, add a risks section too")
        let why = try #require(context["whyFlagged"] as? [String: Any])
        #expect(why["signal"] as? String == "chat-correction")
        #expect(why["observations"] as? [String] == ["the user's next message corrected the agent's output"])
        #expect((why["scores"] as? [String])?.first?.contains("correction +2.0") == true)
        #expect((result["hint"] as? String)?.contains("lesson_dismiss") == true)
        await fixture.stop()
    }

    @Test func dismissDropsAPendingLessonWithARedactedReason() async throws {
        let fixture = try MCPFixture()
        let id = try seedChatCorrection(fixture)
        let client = try await fixture.client()
        let secret = "AKIAZ3MHQWERTYUIOP23"
        let result = try await client.call("lesson_dismiss", [
            "id": String(id.prefix(13)), "reason_kind": "users-change-of-mind",
            "reason": "The user added a new requirement (token \(secret)); the PRD was right.",
        ])
        #expect((result["lesson"] as? [String: Any])?["state"] as? String == "dismissed")
        #expect(result["reasonKind"] as? String == "users-change-of-mind")
        #expect(try fixture.outbox.lesson(id: id)?.state == .dismissed)
        let last = try #require(try fixture.outbox.transitions(lessonID: id).last)
        #expect(last.actor == .mcp)
        #expect(last.from == .pending && last.to == .dismissed)
        let note = try #require(last.note)
        #expect(note.hasPrefix("dismissed (users-change-of-mind): The user added a new requirement"))
        #expect(!note.contains(secret), "\(note)")
        // Gone from the pending list, and its evidence forgotten like any final lesson's.
        #expect((try await client.call("lessons_pending", [:])["count"] as? Int) == 0)
        #expect(try fixture.outbox.evidence(lessonID: id).isEmpty)
        await fixture.stop()
    }

    @Test func dismissRefusesWhatItCannotDo() async throws {
        let fixture = try MCPFixture()
        let id = try seedChatCorrection(fixture)
        let client = try await fixture.client()
        func refusal(_ arguments: [String: Any]) async -> ToolCallError? {
            do {
                _ = try await client.call("lesson_dismiss", arguments)
                return nil
            } catch let error as ToolCallError {
                return error
            } catch {
                return ToolCallError(code: 0, message: "\(error)")
            }
        }
        let unknown = await refusal(["id": "0000dead", "reason_kind": "not-a-defect", "reason": "fine"])
        #expect(unknown?.code == -32004)
        #expect(unknown?.message.contains("lessons_pending") == true)
        let badKind = await refusal(["id": id, "reason_kind": "meh", "reason": "fine"])
        #expect(badKind?.code == -32602)
        #expect(badKind?.message.contains("not-a-defect, users-change-of-mind, not-this-artifact") == true)
        let noReason = await refusal(["id": id, "reason_kind": "not-a-defect", "reason": "  "])
        #expect(noReason?.code == -32602)
        #expect(noReason?.message.contains("`reason` is required") == true)
        #expect(try fixture.outbox.lesson(id: id)?.state == .pending)

        // Once the user decided (here: declined with loopctl), it is no longer the agent's to dismiss.
        try LessonActions(outbox: fixture.outbox, redactor: Redactor()).decline(id: id, actor: .cli)
        let decided = await refusal(["id": id, "reason_kind": "not-a-defect", "reason": "fine"])
        #expect(decided?.code == -32012)
        #expect(decided?.message.contains("is declined, not pending") == true)
        #expect(try fixture.outbox.lesson(id: id)?.state == .declined)
        await fixture.stop()
    }

    @Test func theSchemaNamesTheReasonKinds() async throws {
        let fixture = try MCPFixture()
        let client = try await fixture.client()
        let listed = try #require(try await client.request("tools/list")["result"] as? [String: Any])
        let tool = try #require((listed["tools"] as? [[String: Any]])?.first { $0["name"] as? String == "lesson_dismiss" })
        let schema = try #require(tool["inputSchema"] as? [String: Any])
        #expect(schema["required"] as? [String] == ["id", "reason_kind", "reason"])
        let kind = (schema["properties"] as? [String: Any])?["reason_kind"] as? [String: Any]
        #expect(kind?["enum"] as? [String] == ["not-a-defect", "users-change-of-mind", "not-this-artifact"])
        await fixture.stop()
    }
}
