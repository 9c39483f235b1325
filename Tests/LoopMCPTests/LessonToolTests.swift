import Foundation
import LoopCore
import LoopMCP
import LoopStore
import Testing

/// Each tool against the outbox it changes.
@Suite struct LessonToolTests {
    @Test func pendingFiltersByArtifactAndCarriesThePayload() async throws {
        let fixture = try MCPFixture()
        let id = try fixture.seedLesson(artifact: "prd-writer")
        try fixture.seedLesson(session: "other", artifact: "changelog")
        let client = try await fixture.client()
        let result = try await client.call("lessons_pending", ["artifact": "skill:prd-writer"])
        let lessons = try #require(result["lessons"] as? [[String: Any]])
        #expect(lessons.map { $0["id"] as? String } == [id])
        let payload = try #require(lessons.first?["payload"] as? String)
        #expect(payload.contains("\"schema\" : \"loop.lesson/v1\""))
        let detail = try await client.call("lesson_get", ["id": String(id.prefix(13))])
        #expect((detail["evidence"] as? [[String: Any]])?.first?["sessionID"] as? String == "session-1")
        await fixture.stop()
    }

    @Test func refineRewritesAndKeepsHistory() async throws {
        let fixture = try MCPFixture()
        let id = try fixture.seedLesson()
        let client = try await fixture.client()
        let refined = try await client.call("lesson_refine", ["id": id, "summary": "Put the Metrics section last in PRDs."])
        #expect((refined["lesson"] as? [String: Any])?["summary"] as? String == "Put the Metrics section last in PRDs.")
        let history = try fixture.outbox.transitions(lessonID: id)
        #expect(history.last?.actor == .mcp)
        #expect(history.last?.note?.contains("summary") == true)
        await #expect(throws: ToolCallError.self) { try await client.call("lesson_refine", ["id": id]) }
        await fixture.stop()
    }

    @Test func consentNeedsTheUsersOwnAnswerToThisLessonsGate() async throws {
        let fixture = try MCPFixture()
        let id = try fixture.seedLesson(transcript: "/t/one.jsonl")
        let stored = try #require(try fixture.outbox.lesson(id: id))
        let client = try await fixture.client()
        // Nothing typed yet; then an "S" that answers no gate: refused.
        await #expect(throws: ToolCallError.self) { try await client.call("lesson_consent", ["id": id, "decision": "send"]) }
        fixture.transcripts.userTyped("S", in: "/t/one.jsonl")
        do {
            _ = try await client.call("lesson_consent", ["id": id, "decision": "send"])
            Issue.record("consent without a gate was accepted")
        } catch let error as ToolCallError {
            #expect(error.code == -32010)
            #expect(error.message.contains("LOOP-CONSENT-GATE"))
        }
        // The gate, then a message that is not the answer, then "D": neither approves.
        try fixture.transcripts.showGate(for: stored, in: "/t/one.jsonl")
        await #expect(throws: ToolCallError.self) { try await client.call("lesson_consent", ["id": id, "decision": "send"]) }
        fixture.transcripts.userTyped("looks good to me", in: "/t/one.jsonl")
        await #expect(throws: ToolCallError.self) { try await client.call("lesson_consent", ["id": id, "decision": "send"]) }
        try fixture.transcripts.showGate(for: stored, in: "/t/one.jsonl")
        fixture.transcripts.userTyped("D", in: "/t/one.jsonl")
        await #expect(throws: ToolCallError.self) { try await client.call("lesson_consent", ["id": id, "decision": "send"]) }
        try fixture.transcripts.showGate(for: stored, in: "/t/one.jsonl")
        fixture.transcripts.userTyped("S", in: "/t/one.jsonl")
        _ = try await client.call("lesson_consent", ["id": id, "decision": "send"])
        #expect(try fixture.outbox.lesson(id: id)?.state == .approved)
        #expect(try fixture.outbox.transitions(lessonID: id).last?.actor == .mcp)
        await fixture.stop()
    }

    /// One "S" consents to one lesson, not to every lesson asked about after it.
    @Test func oneAnswerApprovesOneLesson() async throws {
        let fixture = try MCPFixture()
        let first = try fixture.seedLesson(session: "s", transcript: "/t/s.jsonl", artifact: "a")
        let second = try fixture.seedLesson(session: "s", transcript: "/t/s.jsonl", artifact: "b")
        // A gate that shows both payloads still answers for the lesson its marker names only.
        let one = try #require(try fixture.outbox.lesson(id: first))
        let two = try #require(try fixture.outbox.lesson(id: second))
        let payloads = try [one, two].map { String(decoding: try LessonActions.payload($0.lesson), as: UTF8.self) }
        fixture.transcripts.agentSaid("LOOP-CONSENT-GATE lesson \(first)\n\(payloads[0])\n\(payloads[1])\n[S]end [E]dit [D]ecline", in: "/t/s.jsonl")
        fixture.transcripts.userTyped("send", in: "/t/s.jsonl")
        let client = try await fixture.client()
        await #expect(throws: ToolCallError.self) { try await client.call("lesson_consent", ["id": second, "decision": "send"]) }
        _ = try await client.call("lesson_consent", ["id": first, "decision": "send"])
        await #expect(throws: ToolCallError.self) { try await client.call("lesson_consent", ["id": second, "decision": "send"]) }
        #expect(try fixture.outbox.lesson(id: second)?.state == .pending)
        await fixture.stop()
    }

    /// A refined lesson needs a new gate: the answer was about the old payload.
    @Test func anAnswerToAnOlderPayloadIsRefused() async throws {
        let fixture = try MCPFixture()
        let id = try fixture.seedLesson(transcript: "/t/r.jsonl")
        try fixture.transcripts.showGate(for: try #require(try fixture.outbox.lesson(id: id)), in: "/t/r.jsonl")
        fixture.transcripts.userTyped("s", in: "/t/r.jsonl")
        let client = try await fixture.client()
        _ = try await client.call("lesson_refine", ["id": id, "summary": "Put the Metrics section last in PRDs."])
        do {
            _ = try await client.call("lesson_consent", ["id": id, "decision": "send"])
            Issue.record("an answer to the old payload approved the new one")
        } catch let error as ToolCallError {
            #expect(error.message.contains("another payload"))
        }
        await fixture.stop()
    }

    /// The skill asks at the start of the next session: the gate is found there.
    @Test func aGateAnsweredInALaterSessionCounts() async throws {
        let fixture = try MCPFixture()
        let id = try fixture.seedLesson(session: "yesterday", transcript: "/t/yesterday.jsonl")
        try fixture.transcripts.showGate(for: try #require(try fixture.outbox.lesson(id: id)), in: "/t/today.jsonl")
        fixture.transcripts.userTyped("S", in: "/t/today.jsonl")
        fixture.transcripts.setRecent(["/t/today.jsonl", "/t/yesterday.jsonl"])
        let client = try await fixture.client()
        _ = try await client.call("lesson_consent", ["id": id, "decision": "send"])
        #expect(try fixture.outbox.lesson(id: id)?.state == .approved)
        await fixture.stop()
    }

    @Test func declineAndThenNothingMore() async throws {
        let fixture = try MCPFixture()
        let id = try fixture.seedLesson(transcript: "/t/d.jsonl")
        try fixture.transcripts.showGate(for: try #require(try fixture.outbox.lesson(id: id)), in: "/t/d.jsonl")
        fixture.transcripts.userTyped("decline", in: "/t/d.jsonl")
        let client = try await fixture.client()
        _ = try await client.call("lesson_consent", ["id": id, "decision": "decline"])
        #expect(try fixture.outbox.lesson(id: id)?.state == .declined)
        do {
            _ = try await client.call("lesson_refine", ["id": id, "summary": "x"])
            Issue.record("a declined lesson was edited")
        } catch let error as ToolCallError {
            #expect(error.code == -32012)
        }
        await fixture.stop()
    }

    @Test func feedbackGoesThroughTheGatesAndFolds() async throws {
        let fixture = try MCPFixture()
        let client = try await fixture.client()
        let first = try await client.call("feedback_submit", [
            "text": "the PRD skipped the Metrics section", "artifact_kind": "skill", "artifact_name": "prd-writer",
            "session_id": "s1",
        ])
        #expect(first["result"] as? String == "created")
        let lesson = try #require(first["lesson"] as? [String: Any])
        #expect(lesson["signal"] as? String == "explicit")
        let second = try await client.call("feedback_submit", [
            "text": "and the title was wrong", "artifact_kind": "skill", "artifact_name": "prd-writer", "session_id": "s1",
        ])
        #expect(second["result"] as? String == "folded")
        #expect(try fixture.outbox.lessons(state: .pending).count == 1)
        // Gate 3: an instructions file is attributable only when the config tracks it.
        await #expect(throws: ToolCallError.self) {
            try await client.call("feedback_submit", ["text": "wrong", "artifact_kind": "instructions", "artifact_name": "AGENTS.md"])
        }
        await fixture.stop()
    }

    /// Claude Code's `/harness-feedback` is recorded by loopd from the transcript;
    /// the agent's feedback_submit with the same words returns that lesson.
    @Test func feedbackAlreadyRecordedFromTheTranscriptIsNotDoubled() async throws {
        let fixture = try MCPFixture()
        let client = try await fixture.client()
        _ = try await client.call("feedback_submit", [
            "text": "the PRD skipped the Metrics section", "artifact_kind": "skill", "artifact_name": "prd-writer",
            "session_id": "transcript-session",
        ])
        let again = try await client.call("feedback_submit", [
            "text": "the PRD skipped the Metrics section", "artifact_kind": "skill", "artifact_name": "prd-writer",
        ])
        #expect(again["result"] as? String == "alreadyRecorded")
        #expect(try fixture.outbox.lessons(state: .pending).count == 1)
        await fixture.stop()
    }

    @Test func relevantReturnsLearnedLessonsForArtifactOrFile() async throws {
        let fixture = try MCPFixture()
        let approved = try fixture.seedLesson(artifact: "prd-writer", file: "docs/prd.md")
        try fixture.seedLesson(session: "x", artifact: "changelog", file: "CHANGELOG.md")  // pending: not learned yet
        try LessonActions(outbox: fixture.outbox, redactor: Redactor()).approve(id: approved, actor: .cli)
        let client = try await fixture.client()
        let byArtifact = try await client.call("lessons_relevant", ["artifact": "prd-writer"])
        #expect((byArtifact["lessons"] as? [[String: Any]])?.map { $0["id"] as? String } == [approved])
        let byFile = try await client.call("lessons_relevant", ["files": ["/home/u/repo/docs/prd.md"]])
        #expect(byFile["count"] as? Int == 1)
        let none = try await client.call("lessons_relevant", ["artifact": "changelog"])
        #expect(none["count"] as? Int == 0)
        await fixture.stop()
    }
}
