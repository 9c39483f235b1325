import Foundation
import LoopCore
import MCP

/// Answers the read-only tool calls (`lessons_pending`, `lessons_get`,
/// `lessons_relevant`) straight from the socket, without the SDK's request
/// pipeline.
///
/// Why: SDK 0.12.1 encodes a handler's result, decodes it back into its
/// `Value` type and encodes that again for the wire; for `lessons_pending`
/// that was half of loopd's CPU per call and what kept one client's p99 above
/// 2 ms (docs/mcp.md). The answer here is built from the same `LessonTools`
/// functions and has the same JSON-RPC shape the SDK writes; a test compares
/// the two. Anything unusual — not an initialized connection, a malformed
/// request, an argument error, any other method or tool — returns nil and the
/// SDK handles it, so every error still comes from one place.
struct ReadToolShortcut: Sendable {
    let tools: LessonTools

    static let tools: Set<String> = [ToolCatalog.pending.name, ToolCatalog.get.name, ToolCatalog.relevant.name]

    /// The response line (without newline) for one request line, or nil.
    func answer(_ line: Data) -> Data? {
        (try? JSONSerialization.jsonObject(with: line) as? [String: Any]).flatMap(answer(request:))
    }

    /// The same for a line the transport has already parsed.
    func answer(request: [String: Any]) -> Data? {
        guard request["jsonrpc"] as? String == "2.0", request["method"] as? String == "tools/call",
              let id = Self.idText(request["id"]),
              let params = request["params"] as? [String: Any], let name = params["name"] as? String,
              Self.tools.contains(name), params.keys.allSatisfy(["name", "arguments", "_meta"].contains)
        else { return nil }
        var arguments: [String: Value]?
        if let raw = params["arguments"], !(raw is NSNull) {
            guard let object = raw as? [String: Any], let data = try? JSONSerialization.data(withJSONObject: object),
                  let decoded = try? JSONDecoder().decode([String: Value].self, from: data) else { return nil }
            arguments = decoded
        }
        guard let text = try? tools.readToolText(name, ToolArguments(tool: name, arguments)) else { return nil }
        // The envelope the SDK writes for a CallTool.Result with one text content.
        var bytes = Array(#"{"jsonrpc":"2.0","id":"#.utf8) + Array(id.utf8)
        bytes += Array(#","result":{"content":[{"type":"text","text":"#.utf8)
        JSONStringLiteral.append(text, to: &bytes)
        bytes += Array(#"}],"isError":false}}"#.utf8)
        return Data(bytes)
    }

    /// A request id as JSON text: a string or an integer (anything else is the SDK's to refuse).
    static func idText(_ id: Any?) -> String? {
        if let text = id as? String { return JSONStringLiteral.quoted(text) }
        return InboundMessage.integerID(id).map { String($0) }
    }

    /// Whether `line` is the client's `notifications/initialized`: from then on
    /// the connection may call tools (before it, the SDK answers).
    static func isInitializedNotification(_ message: [String: Any]) -> Bool {
        message["method"] as? String == "notifications/initialized" && message["id"] == nil
    }
}
