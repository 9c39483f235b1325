import Foundation
import LoopCore
import LoopTestSupport
import Testing
@testable import LoopRuntime

/// loopd's and analyze's Codex decoder reads the user's custom prompts from the
/// rollout's own Codex home, so an expanded prompt body is not typed text.
@Suite struct CodexPromptsTests {
    static let body = """
        ## Release notes

        Write the release notes for $ARGUMENTS from the merged pull requests, grouped by area.
        """

    static func line(_ type: String, _ payload: [String: Any]) throws -> String {
        let object: [String: Any] = ["timestamp": "2026-01-02T03:04:05.000Z", "type": type, "payload": payload]
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    @Test func anExpandedPromptFromTheRolloutsHomeIsACommandNotTypedText() throws {
        let home = try TemporaryDirectory(prefix: "codex-home")
        let prompts = home.appending("prompts")
        try FileManager.default.createDirectory(at: prompts, withIntermediateDirectories: true)
        try Self.body.write(to: prompts.appendingPathComponent("release-notes.md"), atomically: true, encoding: .utf8)
        let day = home.appending("sessions/2026/01/02")
        try FileManager.default.createDirectory(at: day, withIntermediateDirectories: true)
        let rollout = day.appendingPathComponent("rollout-2026-01-02T03-04-05-0199a000-0000-7000-8000-000000000001.jsonl")
        let expanded = Self.body.replacingOccurrences(of: "$ARGUMENTS", with: "v2.3")
        let lines = [
            try Self.line("session_meta", ["id": "0199a000-0000-7000-8000-000000000001", "cwd": "/repo"]),
            try Self.line("event_msg", ["type": "user_message", "message": expanded, "images": [Any]()]),
            try Self.line("event_msg", ["type": "user_message", "message": "no, group them by team", "images": [Any]()]),
        ]
        try (lines.joined(separator: "\n") + "\n").write(to: rollout, atomically: true, encoding: .utf8)

        var typed: [String] = []
        var commands: [String] = []
        _ = try TranscriptKind.forEachRecord(path: rollout.path, kind: .codex) { events, _, _ in
            for event in events {
                switch event.kind {
                case .userMessage(let text): typed.append(text)
                case .artifactActivated(let artifact) where artifact.kind == .command: commands.append(artifact.name)
                default: break
                }
            }
        }
        #expect(typed == ["no, group them by team"])
        #expect(commands == ["release-notes"])
    }
}
