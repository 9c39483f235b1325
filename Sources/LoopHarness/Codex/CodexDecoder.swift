import Foundation
import LoopCore

/// Decodes one Codex rollout file (`rollout-<time>-<uuid>.jsonl`), line by
/// line, into normalized events. Create one per file and feed it the lines in
/// order; it keeps the state that spans lines (the session id, the turn's
/// working directory, apply_patch calls awaiting their outcome). Never
/// throws: unreadable lines become `issues` and are skipped.
///
/// Decisions (details in docs/harness-codex.md):
/// - Typed user text comes only from `event_msg user_message`; user-role
///   `response_item` messages carry injected context and are read only for
///   AGENTS.md and skill injections.
/// - Agent text comes only from `event_msg agent_message`; the matching
///   assistant `response_item` message is ignored, so each text counts once.
/// - Edits are emitted once per apply_patch call: from `patch_apply_end`
///   `changes` when the rollout has them (absolute paths, real line numbers),
///   else from the parsed patch once the call's output shows it applied.
/// - Lines without the `{timestamp, type, payload}` envelope (pre-0.30 rollouts)
///   are skipped silently, like unknown line types.
public struct CodexDecoder: LineDecoder {
    public let path: String
    /// Lines the decoder could not use, in order.
    public private(set) var issues: [DecodeIssue] = []
    /// Names of the user's custom prompts (`$CODEX_HOME/prompts/<name>.md`), so
    /// a bare `/<name>` message counts as that prompt; `/prompts:<name>` always does.
    public var customPromptNames: Set<String>
    /// The user's custom prompts as Codex expands them, so a `user_message` that
    /// is a prompt's body counts as that prompt, not as typed text.
    public var customPrompts: [CodexPromptExpansion] = []

    let sessionIDFromPath: String?
    var sessionID: String?
    var sessionCwd: String?
    /// The latest `turn_context.cwd`; relative patch paths resolve against it.
    var turnCwd: String?
    var pendingPatches: [String: PendingPatch] = [:]
    /// Calls whose outcome is settled: edits emitted, rejected, or failed.
    var settledCalls: Set<String> = []
    var announcedInstructions = false
    var announcedSkills: Set<String> = []
    /// A subagent's thread (`session_meta` `thread_source: "subagent"` or
    /// `source.subagent`): its "user" messages are the parent agent's words.
    var isSubagentThread = false

    /// An apply_patch call whose output has not arrived yet.
    struct PendingPatch: Sendable {
        var changes: [CodexPatchChange]
        /// Where relative paths in the patch resolve (the call's workdir or the turn's cwd).
        var baseDirectory: String?
    }

    public init(path: String) {
        self.init(path: path, customPromptNames: [])
    }

    public init(path: String, customPromptNames: Set<String>) {
        self.path = path
        self.customPromptNames = customPromptNames
        self.sessionIDFromPath = CodexLayout.sessionIDFromPath(path)
    }

    /// Decodes one line (without its newline). `lineNumber` is 1-based,
    /// `byteOffset` is where the line starts in the file.
    public mutating func decode(line: some Collection<UInt8>, lineNumber: Int, byteOffset: Int64) -> [NormalizedEvent] {
        let object: JSONObjectView
        switch JSONLine.read(line) {
        case .blank: return []
        case .unreadable(let why):
            report(lineNumber, why)
            return []
        case .object(let read): object = read
        }
        // Pre-0.30 rollouts (bare meta object, `record_type` lines, items without
        // the payload wrapper) are not supported; skipping them is not an error.
        guard let type = object.string("type"), let payload = object.object("payload") else { return [] }

        var events: [NormalizedEvent] = []
        if type == "session_meta" {
            events += decodeSessionMeta(payload, object: object, lineNumber: lineNumber, byteOffset: byteOffset)
            return events
        }
        let context = lineContext(object, lineNumber: lineNumber, byteOffset: byteOffset)
        switch type {
        case "turn_context":
            if let cwd = payload.string("cwd"), !cwd.isEmpty { turnCwd = cwd }
            if let instructions = payload.string("user_instructions"), !instructions.isEmpty {
                events += announceInstructions(sourcePath: nil, context: context)
            }
        case "event_msg":
            events += decodeEventMessage(payload, context: context)
        case "response_item":
            events += decodeResponseItem(payload, context: context)
        default:
            // compacted, and kinds added later (inter_agent_communication, ...).
            break
        }
        return events
    }

    /// Nothing is held back for the end: an apply_patch call without an output
    /// line has no known outcome, so it yields no edit.
    public mutating func finish() -> [NormalizedEvent] { [] }

    mutating func report(_ lineNumber: Int, _ message: String) {
        issues.append(DecodeIssue(path: path, line: lineNumber, message: message))
    }

    // MARK: - Envelope

    private func lineContext(_ object: JSONObjectView, lineNumber: Int, byteOffset: Int64) -> CodexLineContext {
        CodexLineContext(
            sessionID: sessionID ?? sessionIDFromPath ?? "",
            timestamp: object.string("timestamp").flatMap(TranscriptTimestamp.parse),
            position: TranscriptPosition(path: path, line: lineNumber, byteOffset: byteOffset, recordID: "\(lineNumber)"))
    }

    /// The first `session_meta` names the session. Later ones (a fork copies
    /// its parent's history, a resume re-announces the same id) are ignored.
    private mutating func decodeSessionMeta(
        _ payload: JSONObjectView, object: JSONObjectView, lineNumber: Int, byteOffset: Int64
    ) -> [NormalizedEvent] {
        guard sessionID == nil, let id = payload.string("id"), !id.isEmpty else { return [] }
        isSubagentThread = payload.string("thread_source") == "subagent"
            || payload.object("source")?.contains("subagent") == true
        sessionID = id
        let context = lineContext(object, lineNumber: lineNumber, byteOffset: byteOffset)
        let cwd = payload.string("cwd") ?? ""
        sessionCwd = cwd.isEmpty ? nil : cwd
        let branch = payload.object("git")?.string("branch").flatMap { $0.isEmpty ? nil : $0 }
        let info = SessionInfo(cwd: cwd, gitBranch: branch, harnessVersion: payload.string("cli_version"))
        var events = [context.event(.sessionStarted(info))]
        // Until ~0.4x, `instructions` held the user instructions (AGENTS.md);
        // newer builds write the base prompt to `base_instructions` instead.
        if let instructions = payload.string("instructions"), !instructions.isEmpty {
            events += announceInstructions(sourcePath: nil, context: context)
        }
        return events
    }

    // MARK: - Artifacts

    /// AGENTS.md is in force for the whole session: announced once.
    mutating func announceInstructions(sourcePath: String?, context: CodexLineContext) -> [NormalizedEvent] {
        guard !announcedInstructions else { return [] }
        announcedInstructions = true
        return [context.event(.artifactActivated(ArtifactRef(kind: .instructions, name: "AGENTS.md", sourcePath: sourcePath)))]
    }

    /// A skill stays in force once loaded; the several signals of one
    /// activation (`$name`, the injected `<skill>` block, SKILL.md reads) count once.
    mutating func announceSkill(_ name: String, sourcePath: String?, context: CodexLineContext) -> [NormalizedEvent] {
        guard announcedSkills.insert(name).inserted else { return [] }
        return [context.event(.artifactActivated(ArtifactRef(kind: .skill, name: name, sourcePath: sourcePath)))]
    }

    /// Resolves a patch path against `base` (a call's workdir, itself maybe
    /// relative to the cwd) or the turn's / session's cwd. Stays relative when
    /// no absolute directory is known.
    func absolutePath(_ path: String, base: String?) -> String {
        var directories: [String?] = [turnCwd ?? sessionCwd]
        if let base { directories.append(base) }
        var resolved = URL(fileURLWithPath: "/")
        var anchored = false
        for case let directory? in directories + [path as String?] {
            if directory.hasPrefix("/") {
                resolved = URL(fileURLWithPath: directory)
                anchored = true
            } else if anchored {
                resolved = resolved.appendingPathComponent(directory)
            }
        }
        return anchored ? resolved.standardized.path : path
    }
}

/// What every event from one line shares.
struct CodexLineContext: Sendable {
    var sessionID: String
    var timestamp: Date?
    var position: TranscriptPosition

    func event(_ kind: NormalizedEvent.Kind) -> NormalizedEvent {
        NormalizedEvent(harness: .codex, sessionID: sessionID, timestamp: timestamp, position: position, kind: kind)
    }

    /// The same line, identified by the tool call it concerns.
    func forCall(_ callID: String) -> CodexLineContext {
        var copy = self
        copy.position.recordID = callID
        return copy
    }
}
