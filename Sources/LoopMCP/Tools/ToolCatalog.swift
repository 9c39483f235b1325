import LoopCore
import MCP

/// The tools loop offers an agent, with their input schemas and annotations.
/// Descriptions are written for the model: when to call, what comes back.
enum ToolCatalog {
    static let all: [Tool] = [
        pending, get, refine, consent, dismiss, feedback, relevant, status,
    ]

    static let pending = Tool(
        name: "lessons_pending",
        description: "Lessons loop caught in the user's corrections that still wait for the user's decision. Call at the start of a session and after the user corrects your output. Returns the lessons with their exact payload to show in the consent gate, and each one's `context`: what you produced, what the user said and why loop flagged it. Judge each with its context first: dismiss a false alarm with lesson_dismiss instead of asking the user.",
        inputSchema: object([
            "session_id": string("Only lessons seen in this harness session."),
            "artifact": string("Only lessons about this skill, command or agent: `name` or `kind:name`."),
            "limit": integer("At most this many (default 20).", minimum: 1, maximum: 100),
        ]),
        annotations: .init(title: "Pending lessons", readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false))

    static let get = Tool(
        name: "lesson_get",
        description: "One lesson with its evidence, history and the exact JSON payload that sending would upload.",
        inputSchema: object(["id": string("The lesson id, or a unique prefix of it.")], required: ["id"]),
        annotations: .init(title: "Show a lesson", readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false))

    static let refine = Tool(
        name: "lesson_refine",
        description: "Rewrite a pending lesson's summary (and optionally its excerpt) into a general lesson for the skill's author: one imperative statement, no names, paths, hosts or secrets. The text is redacted again; the old text stays in the lesson's history. Refused when something private remains.",
        inputSchema: object([
            "id": string("The pending lesson's id."),
            "summary": string("The general lesson, at most 1000 characters."),
            "excerpt_before": string("Optional: what the artifact produced (short, redacted)."),
            "excerpt_after": string("Optional: what the user wanted instead."),
        ], required: ["id", "summary"]),
        annotations: .init(title: "Refine a lesson", readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false))

    static let consent = Tool(
        name: "lesson_consent",
        description: "Record the user's answer to the consent gate. Call only after you showed this lesson's gate (LOOP-CONSENT-GATE lesson <id>, the payload unchanged, [S]end [E]dit [D]ecline) and the user typed the answer themselves (S or send / D or decline) as their next message: loop reads the transcript and refuses otherwise. One answer decides one lesson. `send` approves the lesson for upload; `decline` discards it for good.",
        inputSchema: object([
            "id": string("The lesson id shown in the gate."),
            "decision": enumeration(["send", "decline"], "What the user answered."),
            "session_id": string("This harness session's id, when you know it: where the gate was shown."),
        ], required: ["id", "decision"]),
        annotations: .init(title: "Record consent", readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false))

    static let dismiss = Tool(
        name: "lesson_dismiss",
        description: "Drop a pending lesson that is a false alarm, before you show its consent gate: your output was not wrong (not-a-defect), the user changed their own mind (users-change-of-mind), or the correction was not about this artifact (not-this-artifact). The lesson is never sent and the user is not asked; the reason is redacted and kept in its history. Only pending lessons; never dismiss one the user already saw or answered.",
        inputSchema: object([
            "id": string("The pending lesson's id (or a unique prefix)."),
            "reason_kind": enumeration(DismissalKind.allCases.map(\.rawValue), "Why it is a false alarm."),
            "reason": string("One sentence on why, without names, paths or secrets (redacted, at most \(Dismissal.maxReason) characters kept)."),
        ], required: ["id", "reason_kind", "reason"]),
        annotations: .init(title: "Dismiss a false alarm", readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false))

    static let feedback = Tool(
        name: "feedback_submit",
        description: "Turn explicit feedback from the user (/harness-feedback) about a skill, command, agent or instructions file into a pending lesson, through the same redaction and gates as detected corrections. Feedback about the same artifact in the same session is folded into one lesson.",
        inputSchema: object([
            "text": string("The user's feedback, in their words."),
            "artifact_kind": enumeration(["skill", "command", "agent", "instructions"], "What kind of artifact produced the output."),
            "artifact_name": string("Its name, e.g. `prd-writer`."),
            "session_id": string("The harness session id, when known (otherwise this connection counts as one session)."),
            "harness": enumeration(["claude-code", "codex", "opencode"], "The harness, when the client did not say."),
            "file": string("The file the feedback is about, if any."),
        ], required: ["text", "artifact_kind", "artifact_name"]),
        annotations: .init(title: "Submit feedback", readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false))

    static let relevant = Tool(
        name: "lessons_relevant",
        description: "Lessons the user already approved or sent about this artifact or these files: corrected mistakes to avoid repeating. Call before running a skill or editing files it produced.",
        inputSchema: object([
            "artifact": string("Skill, command or agent name (`name` or `kind:name`)."),
            "files": .object(["type": "array", "items": .object(["type": "string"]), "description": "Paths of files at hand."]),
            "limit": integer("At most this many (default 10).", minimum: 1, maximum: 50),
        ]),
        annotations: .init(title: "Relevant lessons", readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false))

    static let status = Tool(
        name: "status",
        description: "Is loop running, how many lessons are in each state.",
        inputSchema: object([:]),
        annotations: .init(title: "loop status", readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false))

    // MARK: - Schema helpers

    static func object(_ properties: [String: Value], required: [String] = []) -> Value {
        var schema: [String: Value] = ["type": "object", "properties": .object(properties), "additionalProperties": false]
        if !required.isEmpty { schema["required"] = .array(required.map { .string($0) }) }
        return .object(schema)
    }

    static func string(_ description: String) -> Value {
        .object(["type": "string", "description": .string(description)])
    }

    static func integer(_ description: String, minimum: Int, maximum: Int) -> Value {
        .object(["type": "integer", "description": .string(description), "minimum": .int(minimum), "maximum": .int(maximum)])
    }

    static func enumeration(_ cases: [String], _ description: String) -> Value {
        .object(["type": "string", "enum": .array(cases.map { .string($0) }), "description": .string(description)])
    }
}
