import Foundation
import LoopCore
import LoopHarness

/// Builds rollout lines in the exact shapes of the fixtures and the reference
/// (`{timestamp, type, payload}`), and feeds them to one decoder like a tailer.
enum CodexTestLines {
    static let sessionID = "0199a000-0000-7000-8000-000000000001"
    static let path = "/h/.codex/sessions/2026/01/02/rollout-2026-01-02T03-04-05-\(sessionID).jsonl"

    static func line(_ type: String, _ payload: [String: Any], timestamp: String = "2026-01-02T03:04:05.000Z") -> String {
        let object: [String: Any] = ["timestamp": timestamp, "type": type, "payload": payload]
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    static func json(_ object: [String: Any]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    static var meta: String {
        line("session_meta", ["id": sessionID, "cwd": "/repo", "originator": "codex_cli_rs", "cli_version": "0.104.0",
                              "git": ["branch": "main", "commit_hash": "abc"]])
    }

    static func turnContext(cwd: String = "/repo", extra: [String: Any] = [:]) -> String {
        line("turn_context", ["cwd": cwd, "model": "gpt-5-codex"].merging(extra) { $1 })
    }

    static func event(_ type: String, _ fields: [String: Any] = [:]) -> String {
        line("event_msg", ["type": type].merging(fields) { $1 })
    }

    static func userMessage(_ text: String, kind: String? = "plain") -> String {
        var fields: [String: Any] = ["message": text, "images": [Any]()]
        if let kind { fields["kind"] = kind }
        return event("user_message", fields)
    }

    static func responseMessage(role: String, _ text: String) -> String {
        line("response_item", ["type": "message", "role": role,
                               "content": [["type": role == "assistant" ? "output_text" : "input_text", "text": text]]])
    }

    static func functionCall(_ name: String, _ arguments: [String: Any], id: String) -> String {
        line("response_item", ["type": "function_call", "name": name, "arguments": json(arguments), "call_id": id])
    }

    static func customToolCall(_ input: String, id: String) -> String {
        line("response_item", ["type": "custom_tool_call", "name": "apply_patch", "input": input, "call_id": id,
                               "status": "completed"])
    }

    static func functionOutput(_ output: Any, id: String) -> String {
        line("response_item", ["type": "function_call_output", "call_id": id, "output": output])
    }

    static func customOutput(_ output: Any, id: String) -> String {
        line("response_item", ["type": "custom_tool_call_output", "call_id": id, "output": output])
    }

    /// 2025 shell output: a JSON string with the text and an exit code.
    static func shellOutput(_ text: String, exitCode: Int) -> String {
        json(["output": text, "metadata": ["exit_code": exitCode, "duration_seconds": 0.1]])
    }

    static func decode(_ lines: [Data], path: String = path, customPrompts: Set<String> = [])
        -> (events: [NormalizedEvent], issues: [DecodeIssue])
    {
        var decoder = CodexDecoder(path: path, customPromptNames: customPrompts)
        var events: [NormalizedEvent] = []
        var offset: Int64 = 0
        for (index, line) in lines.enumerated() {
            events += decoder.decode(line: line, lineNumber: index + 1, byteOffset: offset)
            offset += Int64(line.count + 1)
        }
        events += decoder.finish()
        return (events, decoder.issues)
    }

    static func decode(_ lines: [String], path: String = path, customPrompts: Set<String> = [])
        -> (events: [NormalizedEvent], issues: [DecodeIssue])
    {
        decode(lines.map { Data($0.utf8) }, path: path, customPrompts: customPrompts)
    }

    static func edits(_ events: [NormalizedEvent]) -> [AgentEdit] {
        events.compactMap { if case .agentEdited(let edit) = $0.kind { edit } else { nil } }
    }

    static func artifacts(_ events: [NormalizedEvent]) -> [ArtifactRef] {
        events.compactMap { if case .artifactActivated(let ref) = $0.kind { ref } else { nil } }
    }

    static func kinds(_ events: [NormalizedEvent]) -> [NormalizedEvent.Kind] { events.map(\.kind) }
}
