import Foundation
import LoopCore

/// loopback's MCP server, reimplemented minimally: MCP streamable HTTP, one
/// JSON-RPC message per POST, answered with `application/json` (no SSE stream,
/// no session state). One tool, `submit_feedback`, mapped onto the same ingest
/// path as `POST /feedback`.
struct MCPEndpoint {
    static let protocolVersion = "2025-06-18"
    static let supportedVersions: Set<String> = ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"]
    let hub: Hub
    let token: TokenRecord

    /// The JSON-RPC response text, or nil for a notification (answered 202).
    func handle(_ data: Data) async throws -> String? {
        let message: JSONValue
        do { message = try JSONValue.parse(data) } catch {
            return encode(error: -32700, "parse error: the body is not JSON", id: .null)
        }
        guard case .object(let members) = message, members["jsonrpc"] == "2.0",
              case .string(let method) = members["method"] ?? .null else {
            return encode(error: -32600, "invalid request: expected one JSON-RPC 2.0 request object", id: .null)
        }
        guard let id = members["id"], id != .null else { return nil }  // a notification
        let params = members["params"] ?? .object([:])
        switch method {
        case "initialize":
            var version = Self.protocolVersion
            if case .object(let p) = params, case .string(let requested) = p["protocolVersion"] ?? .null,
               Self.supportedVersions.contains(requested) {
                version = requested
            }
            return encode(result: [
                "protocolVersion": .string(version),
                "capabilities": ["tools": [:]],
                "serverInfo": ["name": "loophub", "version": "0.1.0"],
            ], id: id)
        case "ping":
            return encode(result: [:], id: id)
        case "tools/list":
            return encode(result: ["tools": [MCPSubmitFeedback.tool]], id: id)
        case "tools/call":
            guard case .object(let p) = params, p["name"] == "submit_feedback" else {
                return encode(error: -32602, "unknown tool; the only tool is submit_feedback", id: id)
            }
            let result = try await MCPSubmitFeedback(hub: hub, token: token).call(p["arguments"] ?? .object([:]))
            return encode(result: result, id: id)
        default:
            return encode(error: -32601, "method not found: \(method.prefix(60))", id: id)
        }
    }

    func encode(result: JSONValue, id: JSONValue) -> String {
        CanonicalJSON.string(JSONValue.object(["jsonrpc": "2.0", "id": id, "result": result]))
    }

    func encode(error code: Int, _ message: String, id: JSONValue) -> String {
        CanonicalJSON.string(JSONValue.object([
            "jsonrpc": "2.0", "id": id, "error": ["code": .number(Double(code)), "message": .string(message)],
        ]))
    }
}
