import Foundation
import LoopTestSupport

/// Tool calls to a real loopd's socket from a plain Python client that says
/// it is Claude Code: what any harness would send, with nothing of ours in between.
enum MCPScript {
    static let client = """
        import json, socket, sys
        sock = socket.socket(socket.AF_UNIX); sock.settimeout(30); sock.connect(sys.argv[1])
        calls = json.load(open(sys.argv[2]))
        def send(m): sock.sendall((json.dumps(m) + "\\n").encode())
        buf = b""
        def answer(i):
            global buf
            while True:
                while b"\\n" in buf:
                    line, buf = buf.split(b"\\n", 1)
                    m = json.loads(line)
                    if m.get("id") == i: return m
                chunk = sock.recv(65536)
                if not chunk: raise SystemExit("closed")
                buf += chunk
        send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-06-18",
              "capabilities": {}, "clientInfo": {"name": "claude-code", "version": "2.1.38"}}})
        answer(1)
        send({"jsonrpc": "2.0", "method": "notifications/initialized"})
        for n, (name, args) in enumerate(calls, start=2):
            send({"jsonrpc": "2.0", "id": n, "method": "tools/call", "params": {"name": name, "arguments": args}})
            print(json.dumps(answer(n)), flush=True)
        """

    /// One result per call: the tool's JSON answer, or `["error": message, "code": n]`.
    static func call(_ harness: DaemonHarness, _ calls: [(String, [String: Any])]) async throws -> [[String: Any]] {
        let directory = harness.user.root.url
        let script = directory.appendingPathComponent("mcp-client.py")
        try client.write(to: script, atomically: true, encoding: .utf8)
        let input = directory.appendingPathComponent("mcp-calls-\(UUID().uuidString.prefix(6)).json")
        try JSONSerialization.data(withJSONObject: calls.map { [$0.0, $0.1] as [Any] }).write(to: input)
        let socket = harness.user.root.appending("run/loop/loopd.sock").path
        let run = try await ChildProcess.run("/usr/bin/env", ["python3", script.path, socket, input.path],
                                             environment: harness.user.environment, logDirectory: directory)
        guard run.status == 0 else { throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "mcp client: \(run.stderr)"]) }
        return try run.stdout.split(separator: "\n").map { line in
            let message = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
            if let error = message["error"] as? [String: Any] {
                return ["error": error["message"] as? String ?? "", "code": error["code"] as? Int ?? 0]
            }
            let result = message["result"] as? [String: Any]
            let text = ((result?["content"] as? [[String: Any]])?.first?["text"] as? String) ?? "{}"
            if result?["isError"] as? Bool == true { return ["error": text, "code": 0] }
            return try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
        }
    }
}

/// Chat lines in Claude Code 2.1's transcript format.
struct ClaudeChat {
    let session: String
    let cwd: String
    private var envelope: [String: Any] {
        ["sessionId": session, "cwd": cwd, "version": "2.1.38", "gitBranch": "main", "isSidechain": false, "userType": "external"]
    }

    private func line(_ extra: [String: Any]) -> String {
        let object = envelope.merging(extra) { $1 }.merging(["timestamp": ISO8601DateFormatter().string(from: Date())]) { $1 }
        return String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    func agent(_ text: String, uuid: String = UUID().uuidString.lowercased()) -> String {
        line(["type": "assistant", "uuid": uuid, "message": [
            "id": "msg_\(uuid)", "role": "assistant", "model": "claude-opus-4-6",
            "content": [["type": "text", "text": text]], "stop_reason": "end_turn"]])
    }

    func user(_ text: String, uuid: String = UUID().uuidString.lowercased()) -> String {
        line(["type": "user", "uuid": uuid, "message": ["role": "user", "content": text]])
    }

    /// The gate exactly as the loop-feedback skill shows it.
    func gate(id: String, payload: String) -> String {
        agent("LOOP-CONSENT-GATE lesson \(id)\n```json\n\(payload)\n```\n[S]end [E]dit [D]ecline")
    }
}
