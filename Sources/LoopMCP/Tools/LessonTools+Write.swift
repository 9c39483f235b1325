import Foundation
import LoopCore
import LoopStore

/// The tools that change lessons: refine, consent, feedback. Each goes through
/// `LessonActions` (or `Outbox.record` for a new lesson), never around it.
extension LessonTools {
    struct Changed: Codable, Sendable {
        var lesson: LessonView
        var message: String
    }

    func refine(_ arguments: ToolArguments) throws -> Changed {
        let stored = try outbox.lesson(idPrefix: try arguments.requiredString("id"))
        let summary = try arguments.requiredString("summary")
        guard summary.count <= Lesson.maxSummary else {
            throw ToolError(.invalidArguments, "lesson_refine: the summary has \(summary.count) characters; keep it under \(Lesson.maxSummary)")
        }
        let updated = try actions.edit(
            id: stored.id, summary: summary, excerptBefore: try arguments.string("excerpt_before"),
            excerptAfter: try arguments.string("excerpt_after"), actor: .mcp)
        return Changed(lesson: LessonView(updated, withPayload: true),
                       message: "refined; show the new payload in the consent gate before asking again")
    }

    func consent(_ arguments: ToolArguments) async throws -> Changed {
        let stored = try outbox.lesson(idPrefix: try arguments.requiredString("id"))
        guard let decision = try arguments.choice("decision", ["send", "decline"], required: true) else {
            throw ToolError(.invalidArguments, "lesson_consent: `decision` is required")
        }
        guard stored.state == .pending else {
            throw OutboxError.invalidTransition(id: stored.id, from: stored.state, to: decision == "send" ? .approved : .declined)
        }
        let answer = try userAnswer(for: stored, wanted: decision == "send" ? .send : .decline)
        guard await ledger.claim(answer, for: stored.id) else {
            throw ToolError(.consentNotGiven, "the user's latest answer was already used for another lesson; present this lesson's gate and wait for a new answer")
        }
        do {
            if decision == "send" {
                try actions.approve(id: stored.id, actor: .mcp, note: "approved in the chat: the user answered \"\(answer.text)\"")
            } else {
                try actions.decline(id: stored.id, actor: .mcp, note: "declined in the chat: the user answered \"\(answer.text)\"")
            }
        } catch {
            await ledger.release(answer)
            throw error
        }
        let updated = try outbox.lesson(id: stored.id) ?? stored
        return Changed(lesson: LessonView(updated), message: decision == "send"
            ? "approved: loop sends it to the skill's author; nothing else was sent"
            : "declined: it will never be sent")
    }

    /// The user's own typed answer in a transcript of the lesson's sessions, or
    /// a refusal that tells the agent what is missing.
    private func userAnswer(for stored: StoredLesson, wanted: ConsentAnswer) throws -> TypedMessage {
        let paths = Set(try outbox.evidence(lessonID: stored.id).map(\.transcriptPath)).filter { !$0.isEmpty }
        let latest = paths.compactMap { transcripts.latestTypedMessage(transcriptPath: $0) }
        guard !latest.isEmpty else {
            throw ToolError(.consentNotGiven, "loop cannot read this lesson's session transcript to confirm the user's answer; ask the user to run `loopctl review` (or `loopctl send \(stored.id.prefix(13))`) instead")
        }
        if let match = latest.first(where: { ConsentAnswer.parse($0.text) == wanted }) { return match }
        let said = latest.map { "\"\($0.text.prefix(60))\"" }.joined(separator: ", ")
        throw ToolError(.consentNotGiven, "refused: the user's latest message (\(said)) is not the answer \(wanted == .send ? "S/send" : "D/decline") to the consent gate. Show the gate (LOOP-CONSENT-GATE, the exact payload, [S]end [E]dit [D]ecline), wait for the user to type the answer, then call lesson_consent again. Never answer for the user.")
    }

    struct Submitted: Codable, Sendable {
        /// created, folded (into an existing pending lesson) or alreadyRecorded.
        var result: String
        var lesson: LessonView
        var message: String
    }

    func feedback(_ arguments: ToolArguments, connection: ConnectionContext) async throws -> Submitted {
        let text = try arguments.requiredString("text")
        let kind = ArtifactKind(rawValue: try arguments.choice("artifact_kind", ArtifactKind.allCases.map(\.rawValue), required: true) ?? "")
        let name = try arguments.requiredString("artifact_name")
        guard let kind, name.count <= Lesson.maxName else {
            throw ToolError(.invalidArguments, "feedback_submit: `artifact_name` must be at most \(Lesson.maxName) characters")
        }
        let harnessName = try arguments.choice("harness", Harness.allCases.map(\.rawValue), required: false)
        let announced = await connection.harness
        let harness = harnessName.flatMap(Harness.init(rawValue:)) ?? announced ?? .claudeCode
        let session = try arguments.string("session_id") ?? connection.fallbackSessionID
        let now = Date()
        let submission = FeedbackSubmission(
            harness: harness, sessionID: session, artifact: ArtifactRef(kind: kind, name: name),
            text: text, file: try arguments.string("file"),
            transcriptPath: transcripts.transcriptPath(sessionID: session, harness: harness), at: now)
        if let duplicate = try recentDuplicate(of: submission) {
            return Submitted(result: "alreadyRecorded", lesson: LessonView(duplicate, withPayload: true),
                             message: "loop had already recorded this feedback (from the transcript); present this lesson")
        }
        guard let candidate = try submission.candidate(config: detectorConfig) else {
            throw ToolError(.invalidArguments, "feedback_submit: the feedback text is empty")
        }
        let id = UUIDv7.make(at: now, random: (0..<10).map { _ in UInt8.random(in: 0...255) })
        let (lesson, synthesized) = synthesizer.synthesize(candidate, id: id, now: now)
        var evidence = synthesized
        if let file = submission.file { evidence.file = actions.redactor.redact(file) }
        guard let key = candidate.debounceKey else { throw ToolError(.dropped, "feedback_submit: no artifact to attribute the feedback to") }
        let recorded = try outbox.record(candidate: lesson, evidence: evidence, debounceKey: key, actor: .mcp, at: now)
        let stored = try outbox.lesson(id: recorded.lessonID)
        guard let stored else { throw OutboxError.lessonNotFound(id: recorded.lessonID) }
        let result: String
        switch recorded {
        case .created: result = "created"
        case .folded: result = "folded"
        case .alreadyRecorded: result = "alreadyRecorded"
        }
        return Submitted(result: result, lesson: LessonView(stored, withPayload: true),
                         message: "recorded as pending; refine the summary into a general lesson with lesson_refine, then show the consent gate")
    }

    /// Claude Code's transcript already carries `/harness-feedback …`, which the
    /// daemon records on its own: a pending explicit lesson for the same artifact
    /// from the last 10 minutes quoting the same words is that lesson.
    private func recentDuplicate(of submission: FeedbackSubmission) throws -> StoredLesson? {
        let words = actions.redactor.redact(submission.text).trimmingCharacters(in: .whitespacesAndNewlines)
        let quoted = String(words.split(whereSeparator: \.isNewline).joined(separator: " ").prefix(200))
        return try outbox.lessons(state: .pending, limit: 50).first { stored in
            stored.lesson.signal == .explicit
                && stored.lesson.artifact.kind == submission.artifact.kind
                && stored.lesson.artifact.name == submission.artifact.name
                && submission.at.timeIntervalSince(stored.recordedAt) < 600
                && stored.lesson.summary.contains(quoted)
        }
    }
}
