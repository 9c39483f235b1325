import Foundation
import LoopMCP
#if canImport(Glibc)
import Glibc
#endif

/// A bare newline-delimited JSON-RPC client on a unix socket: what any MCP
/// client sends, with nothing of ours in between. Reads time out after 60 s
/// so a broken server fails the test instead of hanging it.
///
/// @unchecked Sendable: a test drives its client from one task, one call at a
/// time; the blocking socket I/O runs on a thread of its own (`blocking`) so
/// it never stalls the cooperative pool the server under test runs on.
final class MCPTestClient: @unchecked Sendable {
    let fd: Int32
    private var buffer: [UInt8] = []
    private var nextID = 1

    init(path: String) throws {
        fd = try ListeningSocket.connect(path: path)
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    private var isClosed = false

    deinit { close() }

    /// Closes the connection, once. A second `close(2)` of the number, from
    /// the deinit after a test had closed it, closed whatever the process had
    /// opened under that number since: a socket an event loop of another test
    /// was using, which then hung or tripped NIO's registration assertion.
    func close() {
        guard !isClosed else { return }
        isClosed = true
        Glibc.close(fd)
    }

    func sendLine(_ text: String) {
        let bytes = Array((text + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }

    /// The next line, read off the cooperative pool.
    func nextLine() async -> String? {
        await blocking { self.readLine() }
    }

    /// The next line from the server, or nil at end of stream / timeout.
    func readLine() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = read(fd, &chunk, chunk.count)
            guard count > 0 else { return nil }
            buffer += chunk[..<count]
        }
    }

    /// Sends a request and returns the response with the same id (skipping others).
    func request(_ method: String, _ params: [String: Any] = [:]) async throws -> [String: Any] {
        let id = nextID
        nextID += 1
        let message: [String: Any] = ["jsonrpc": "2.0", "id": id, "method": method, "params": params]
        let text = String(decoding: try JSONSerialization.data(withJSONObject: message), as: UTF8.self)
        let line: String? = await blocking {
            self.sendLine(text)
            while let line = self.readLine() {
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { continue }
                if object["id"] as? Int == id { return line }
            }
            return nil
        }
        guard let line, let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "no response to \(method)"])
        }
        return object
    }

    func initialize(clientName: String = "claude-code") async throws {
        _ = try await request("initialize", [
            "protocolVersion": "2025-06-18", "capabilities": [String: Any](),
            "clientInfo": ["name": clientName, "version": "1.0"],
        ])
        sendLine(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)
    }

    /// `tools/call`; returns the JSON of its text content, or throws the JSON-RPC error.
    func call(_ tool: String, _ arguments: [String: Any] = [:]) async throws -> [String: Any] {
        let response = try await request("tools/call", ["name": tool, "arguments": arguments])
        if let error = response["error"] as? [String: Any] {
            throw ToolCallError(code: error["code"] as? Int ?? 0, message: error["message"] as? String ?? "")
        }
        let result = response["result"] as? [String: Any]
        let text = ((result?["content"] as? [[String: Any]])?.first?["text"] as? String) ?? "{}"
        return try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }
}

struct ToolCallError: Error, Equatable {
    var code: Int
    var message: String
}

/// Runs blocking work on a fresh thread and awaits its result.
func blocking<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: body()) }.start()
    }
}
