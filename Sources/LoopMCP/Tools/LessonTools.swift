import Foundation
import Logging
import LoopCore
import LoopStore
import MCP

/// The tool logic, shared by every connection, stateless (which answer
/// consented to which lesson is kept in the outbox). Each tool reads or changes lessons only through `Outbox`
/// reads and `LessonActions`, like loopctl does.
public struct LessonTools: Sendable {
    let outbox: Outbox
    let actions: LessonActions
    let synthesizer: LessonSynthesizer
    let detectorConfig: DetectorConfig
    let transcripts: any TranscriptReading
    let daemonStatus: @Sendable () async -> DaemonSnapshot?

    public init(
        outbox: Outbox, redactor: Redactor, detectorConfig: DetectorConfig, clientVersion: String,
        transcripts: any TranscriptReading, daemonStatus: @escaping @Sendable () async -> DaemonSnapshot? = { nil }
    ) {
        self.outbox = outbox
        actions = LessonActions(outbox: outbox, redactor: redactor)
        synthesizer = LessonSynthesizer(redactor: redactor, client: .init(name: "loopd", version: clientVersion))
        self.detectorConfig = detectorConfig
        self.transcripts = transcripts
        self.daemonStatus = daemonStatus
    }

    /// Runs one tool call. Every failure comes back as an `MCPError` whose
    /// message says what to do; nothing here throws anything else.
    func call(_ params: CallTool.Parameters, connection: ConnectionContext) async throws -> CallTool.Result {
        let arguments = ToolArguments(tool: params.name, params.arguments)
        do {
            switch params.name {
            case ToolCatalog.pending.name: return try result(pending(arguments))
            case ToolCatalog.get.name: return try result(get(arguments))
            case ToolCatalog.refine.name: return try result(refine(arguments))
            case ToolCatalog.consent.name: return try result(await consent(arguments, connection: connection))
            case ToolCatalog.dismiss.name: return try result(await dismiss(arguments))
            case ToolCatalog.feedback.name: return try result(await feedback(arguments, connection: connection))
            case ToolCatalog.relevant.name: return try result(relevant(arguments))
            case ToolCatalog.status.name: return try result(await status())
            default:
                throw ToolError(.invalidArguments, "unknown tool \(params.name); call tools/list for loop's tools")
            }
        } catch {
            throw ToolError.from(error).mcpError
        }
    }

    /// The result as one JSON text content. No `structuredContent`: SDK 0.12.1
    /// re-decodes a handler's result into `Value`, testing every string against
    /// a data-URL regex it compiles each time, so a structured copy of ten
    /// lessons cost ~10 ms; one text string costs one test.
    func result<Output: Encodable>(_ output: Output) throws -> CallTool.Result {
        CallTool.Result(content: [.text(text: try text(of: output), annotations: nil, _meta: nil)], isError: false)
    }

    /// The JSON text a tool answers with.
    func text<Output: Encodable>(of output: Output) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(output), as: UTF8.self)
    }

    /// The text of a read-only tool's answer, for `ReadToolShortcut`; nil for other tools.
    func readToolText(_ name: String, _ arguments: ToolArguments) throws -> String? {
        switch name {
        case ToolCatalog.pending.name: try text(of: pending(arguments))
        case ToolCatalog.get.name: try text(of: get(arguments))
        case ToolCatalog.relevant.name: try text(of: relevant(arguments))
        default: nil
        }
    }
}

/// What the daemon reports about itself for the `status` tool.
public struct DaemonSnapshot: Codable, Sendable, Hashable {
    public var pid: Int32
    public var version: String
    public var startedAt: String
    public var transcriptFiles: Int
    public var workingTrees: Int
    public var lessonsRecorded: Int

    public init(pid: Int32, version: String, startedAt: String, transcriptFiles: Int, workingTrees: Int, lessonsRecorded: Int) {
        self.pid = pid
        self.version = version
        self.startedAt = startedAt
        self.transcriptFiles = transcriptFiles
        self.workingTrees = workingTrees
        self.lessonsRecorded = lessonsRecorded
    }
}

/// What one connection told us about itself at `initialize`.
actor ConnectionContext {
    /// The harness, inferred from the client's name (Claude Code says "claude-code").
    private(set) var harness: Harness?
    /// Stands in for the session id when the agent does not know it: one
    /// harness session launches one `loopctl mcp`, so one connection.
    let fallbackSessionID = "mcp-" + UUID().uuidString.lowercased()

    func identify(clientName: String) {
        let name = clientName.lowercased()
        if name.contains("claude") { harness = .claudeCode }
        else if name.contains("codex") { harness = .codex }
        else if name.contains("opencode") { harness = .opencode }
    }
}
