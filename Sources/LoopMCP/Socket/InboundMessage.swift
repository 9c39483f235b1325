import Foundation
import LoopCore

/// What the socket transport does with one inbound line, decided before the
/// SDK sees it.
///
/// Why the transport decides: SDK 0.12.1 answers a request from a task of its
/// own but answers a malformed line inline, and it echoes whatever id it was
/// given. The transport bounds how many requests a connection may have
/// unanswered by counting requests in and answers out, which is exact only if
/// every line the SDK gets is either a request it answers exactly once or a
/// notification it never answers. Everything else is answered (or dropped)
/// here, with a null id, so an id is echoed only when it is short.
enum InboundMessage: Equatable {
    /// A request (string or integer id, string method): the SDK, or the
    /// read-only shortcut, writes exactly one answer.
    case request
    /// A notification (a method, no id): nobody answers.
    case notification
    /// A client's response: loopd sends no requests, so nothing waits for it.
    case ignored
    /// Not something loopd will process: answer with this error, id null.
    case refused(code: Int, message: String)

    /// Longest request id (UTF-8 bytes of a string id) that is echoed in an answer.
    static let maxIDLength = 256

    /// Classifies a line from its parse (`JSONSerialization`; nil if it is not JSON).
    static func classify(_ parsed: Any?) -> InboundMessage {
        guard let parsed else { return .refused(code: -32700, message: "Parse error: each line must be one JSON-RPC message") }
        guard let message = parsed as? [String: Any] else {
            return .refused(code: -32600, message: "Invalid request: send one JSON-RPC object per line (batches are not supported)")
        }
        guard message["jsonrpc"] as? String == "2.0" else {
            return .refused(code: -32600, message: "Invalid request: \"jsonrpc\" must be \"2.0\"")
        }
        let hasID = message.keys.contains("id")
        guard let method = message["method"] else {
            if hasID, message["result"] != nil || message["error"] != nil { return .ignored }
            return .refused(code: -32600, message: "Invalid request: no \"method\"")
        }
        guard method is String else { return .refused(code: -32600, message: "Invalid request: \"method\" must be a string") }
        guard hasID else { return .notification }
        guard message["result"] == nil, message["error"] == nil else {
            return .refused(code: -32600, message: "Invalid request: a request has no \"result\" or \"error\"")
        }
        if let text = message["id"] as? String, text.utf8.count > maxIDLength {
            return .refused(code: -32600, message: "Invalid request: the id is longer than \(maxIDLength) bytes; use a shorter id")
        }
        guard message["id"] is String || integerID(message["id"]) != nil else {
            return .refused(code: -32600, message: "Invalid request: \"id\" must be a string or an integer")
        }
        return .request
    }

    /// An integer id as `JSONSerialization` parsed it, or nil. On Linux it
    /// gives `true`, `false`, `0` and `1` all as NSNumbers that `is Bool`
    /// accepts; a boolean's `objCType` is "c", a number's "i" or "q", a
    /// fraction's or a huge number's "d".
    static func integerID(_ id: Any?) -> Int? {
        guard let number = id as? NSNumber else { return nil }
        let type = String(cString: number.objCType)
        guard type != "c", type != "d", type != "f" else { return nil }
        return number as? Int
    }

    /// The error line for `.refused` (without newline).
    static func errorLine(code: Int, message: String) -> Data {
        var bytes = Array(#"{"jsonrpc":"2.0","id":null,"error":{"code":"#.utf8) + Array(String(code).utf8)
        bytes += Array(#","message":"#.utf8)
        JSONStringLiteral.append(message, to: &bytes)
        bytes += Array("}}".utf8)
        return Data(bytes)
    }
}
