import Foundation
import LoopCore
import LoopStore
import NIOPosix

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

    /// The user's answer to this lesson's gate decides it. Transcripts are read
    /// and the outbox written on NIO's blocking pool, never on the event loop.
    func consent(_ arguments: ToolArguments, connection: ConnectionContext) async throws -> Changed {
        let idPrefix = try arguments.requiredString("id")
        guard let decision = try arguments.choice("decision", ["send", "decline"], required: true) else {
            throw ToolError(.invalidArguments, "lesson_consent: `decision` is required")
        }
        let session = try arguments.string("session_id")
        let harness = await connection.harness
        return try await NIOThreadPool.singleton.runIfActive { [self] in
            try decide(idPrefix: idPrefix, send: decision == "send", callingSession: session, harness: harness)
        }
    }

    private func decide(idPrefix: String, send: Bool, callingSession: String?, harness: Harness?) throws -> Changed {
        let stored = try outbox.lesson(idPrefix: idPrefix)
        guard stored.state == .pending else {
            throw OutboxError.invalidTransition(id: stored.id, from: stored.state, to: send ? .approved : .declined)
        }
        let answer = try gateAnswer(
            for: stored, wanted: send ? .send : .decline, callingSession: callingSession,
            harness: harness ?? Harness(rawValue: stored.lesson.harness.name))
        let said = "the user answered \"\(answer.text.prefix(40))\" to its gate (\((answer.transcriptPath as NSString).lastPathComponent) line \(answer.line))"
        if send {
            try actions.approve(id: stored.id, actor: .mcp, note: "approved in the chat: \(said)", consuming: answer.consent)
        } else {
            try actions.decline(id: stored.id, actor: .mcp, note: "declined in the chat: \(said)", consuming: answer.consent)
        }
        let updated = try outbox.lesson(id: stored.id) ?? stored
        return Changed(lesson: LessonView(updated), message: send
            ? "approved: loop sends it to the skill's author; nothing else was sent"
            : "declined: it will never be sent")
    }

    private struct GateAnswer {
        var consent: ChatConsent
        var text: String
        var transcriptPath: String
        var line: Int
    }

    /// The user's own typed answer to this lesson's newest gate, or a refusal
    /// that tells the agent what is missing. The gate is looked for in the
    /// calling session, the lesson's own sessions and the harness's recent
    /// sessions: it is usually shown at the start of a later session.
    private func gateAnswer(
        for stored: StoredLesson, wanted: ConsentAnswer, callingSession: String?, harness: Harness?
    ) throws -> GateAnswer {
        let payload = String(decoding: try LessonActions.payload(stored.lesson), as: UTF8.self)
        var paths: [String] = []
        if let callingSession, let harness, let path = transcripts.transcriptPath(sessionID: callingSession, harness: harness) {
            paths.append(path)
        }
        paths += try outbox.evidence(lessonID: stored.id).map(\.transcriptPath)
        if let harness { paths += transcripts.recentTranscripts(harness: harness) }
        var seen = Set<String>()
        paths = paths.filter { !$0.isEmpty && seen.insert($0).inserted }
        // The newest gate wins; between gates without a time, the earlier path (the caller's session first).
        var best: ConsentGate.Finding?
        for path in paths {
            let turns = transcripts.conversation(transcriptPath: path, mentioning: stored.id)
            guard let found = ConsentGate.find(lessonID: stored.id, payload: payload, in: turns) else { continue }
            if let current = best, (found.gate.at ?? .distantPast) <= (current.gate.at ?? .distantPast) { continue }
            best = found
        }
        let gate = "Show the gate (LOOP-CONSENT-GATE lesson \(stored.id), the exact payload, [S]end [E]dit [D]ecline), wait for the user to type the answer, then call lesson_consent again. Never answer for the user."
        switch best {
        case nil:
            throw ToolError(.consentNotGiven, "refused: loop found no consent gate for lesson \(stored.id) with its current payload in this session's transcript or the harness's recent ones. \(gate) If loop cannot read this harness's transcripts (OpenCode), ask the user to run `loopctl review` instead.")
        case .unanswered?:
            throw ToolError(.consentNotGiven, "refused: the gate for lesson \(stored.id) was shown but the user has not typed an answer yet; wait for it.")
        case .stalePayload?:
            throw ToolError(.consentNotGiven, "refused: the newest gate for lesson \(stored.id) showed another payload than the lesson has now (it changed since). \(gate)")
        case .answered(let shown, let reply)?:
            guard ConsentAnswer.parse(reply.text) == wanted else {
                throw ToolError(.consentNotGiven, "refused: the user's answer to the gate for lesson \(stored.id) was \"\(reply.text.prefix(60))\", not \(wanted == .send ? "S/send" : "D/decline"). \(gate)")
            }
            let consent = ChatConsent(
                decision: wanted == .send ? .send : .decline, sessionID: reply.sessionID, transcriptPath: reply.transcriptPath,
                line: reply.line, recordID: reply.recordID, gateLine: shown.line)
            return GateAnswer(consent: consent, text: reply.text, transcriptPath: reply.transcriptPath, line: reply.line)
        }
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
