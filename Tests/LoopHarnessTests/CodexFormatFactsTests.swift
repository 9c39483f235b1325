import Foundation
import LoopCore
import LoopHarness
import Testing

/// Codex `user_message`s that nobody typed: an expanded custom prompt, and
/// every "user" message of a subagent's thread.
struct CodexFormatFactsTests {
    typealias L = CodexTestLines

    /// A spec-kit style prompt file, as in `$CODEX_HOME/prompts/speckit.plan.md`.
    static let promptFile = """
        ---
        description: Execute the implementation planning workflow.
        ---

        ## User Input

        ```text
        $ARGUMENTS
        ```

        You **MUST** consider the user input before proceeding (if not empty).

        ## Outline

        1. **Setup**: Run the setup script from repo root and parse JSON.
        """

    static func decode(_ lines: [String], prompts: [CodexPromptExpansion]) -> [NormalizedEvent.Kind] {
        var decoder = CodexDecoder(path: L.path)
        decoder.customPrompts = prompts
        var events: [NormalizedEvent] = []
        for (index, line) in lines.enumerated() {
            events += decoder.decode(line: Data(line.utf8), lineNumber: index + 1, byteOffset: 0)
        }
        return events.map(\.kind).filter { if case .sessionStarted = $0 { false } else { true } }
    }

    @Test("an expanded custom prompt activates the prompt and is no typed text")
    func expandedPrompt() throws {
        let prompt = try #require(CodexPromptExpansion(name: "speckit.plan", body: Self.promptFile))
        // Codex 0.57 records the body with $ARGUMENTS filled in (here: empty), leading newline and all.
        let expanded = "\n## User Input\n\n```text\n\n```\n\nYou **MUST** consider the user input before proceeding (if not empty).\n\n## Outline\n\n1. **Setup**: Run the setup script from repo root and parse JSON."
        let kinds = Self.decode([
            L.meta,
            L.event("user_message", ["message": expanded, "images": [Any]()]),
            L.userMessage("no, the plan goes in specs/002"),
        ], prompts: [prompt])
        #expect(kinds == [
            .artifactActivated(ArtifactRef(kind: .command, name: "speckit.plan")),
            .userMessage("no, the plan goes in specs/002"),
        ])
    }

    @Test("a prompt whose fixed start is too short to recognize is not used")
    func shortPrompt() {
        #expect(CodexPromptExpansion(name: "fix", body: "Fix $ARGUMENTS") == nil)
        #expect(CodexPromptExpansion(name: "long", body: "---\ndescription: x\n---\nReview the current diff for bugs and risky changes.") != nil)
    }

    @Test("prompt files load from the prompts directory")
    func loadDirectory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("codex-prompts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.promptFile.write(to: directory.appendingPathComponent("speckit.plan.md"), atomically: true, encoding: .utf8)
        try "notes".write(to: directory.appendingPathComponent("README.txt"), atomically: true, encoding: .utf8)
        #expect(CodexPromptExpansion.load(directory: directory.path).map(\.name) == ["speckit.plan"])
    }

    /// `session_meta` payloads of a subagent's thread: newer builds write
    /// `thread_source` and `source.subagent.thread_spawn`; earlier ones `source.subagent` only.
    static let subagentMetas: [String] = [
        L.line("session_meta", [
            "id": L.sessionID, "cwd": "/repo", "cli_version": "0.147.0", "thread_source": "subagent",
            "source": ["subagent": ["thread_spawn": ["parent_thread_id": "root-1", "depth": 1, "agent_nickname": "Hilbert"]]],
        ]),
        L.line("session_meta", ["id": L.sessionID, "cwd": "/repo", "cli_version": "0.120.0", "source": ["subagent": "review"]]),
    ]

    @Test("a subagent thread's user messages are the parent agent's words", arguments: subagentMetas)
    func subagentThread(meta: String) {
        let kinds = Self.decode([
            meta,
            L.userMessage("Review the diff in src/ and report risky changes"),
            L.event("agent_message", ["message": "Two risky changes."]),
        ], prompts: [])
        #expect(kinds == [.agentMessage("Two risky changes.")])
    }

    @Test("a thread started from the CLI keeps its typed messages")
    func cliThread() {
        let kinds = Self.decode([
            L.line("session_meta", ["id": L.sessionID, "cwd": "/repo", "thread_source": "cli", "source": "cli"]),
            L.userMessage("add a footer"),
        ], prompts: [])
        #expect(kinds == [.userMessage("add a footer")])
    }
}
