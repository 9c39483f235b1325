import Foundation
import Logging
import MCP
import NIOCore
import LoopScheduling

/// An MCP `Transport` over one accepted unix-socket connection: inbound lines
/// (already framed by `LineFrameDecoder`) become messages, each outbound
/// message is written with a trailing newline. Unlike the SDK's `StdioTransport`
/// it never polls: NIO wakes it only when bytes arrive.
actor SocketTransport: Transport {
    nonisolated let logger: Logger
    private let inbound: NIOAsyncChannelInboundStream<ByteBuffer>
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    /// Requests received and not answered yet, so a client that closes its
    /// side right after a request still gets the answer (`drain()`). Every
    /// message loop's server sends is a response (it sends no requests or
    /// notifications), so counting spares parsing the large outbound JSON.
    private var unanswered = 0 {
        didSet { if unanswered == 0 { endDrain() } }
    }
    /// `drain()` waiting for the last answer (or its timeout).
    private var drainWaiter: CheckedContinuation<Void, Never>?
    /// Read-only tool calls answered without the SDK (ReadToolShortcut.swift),
    /// once the client has sent `notifications/initialized`.
    private let shortcut: ReadToolShortcut?
    private var initialized = false

    init(
        inbound: NIOAsyncChannelInboundStream<ByteBuffer>, outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>,
        logger: Logger, shortcut: ReadToolShortcut? = nil
    ) {
        self.inbound = inbound
        self.outbound = outbound
        self.logger = logger
        self.shortcut = shortcut
    }

    func connect() async throws {}

    func disconnect() async {
        outbound.finish()
    }

    func send(_ data: Data) async throws {
        unanswered = max(0, unanswered - 1)
        try await writeLine(data)
    }

    private func writeLine(_ data: Data) async throws {
        var buffer = ByteBufferAllocator().buffer(capacity: data.count + 1)
        buffer.writeBytes(data)
        buffer.writeInteger(UInt8(ascii: "\n"))
        try await outbound.write(buffer)
    }

    func receive() -> AsyncThrowingStream<Data, any Error> {
        let inbound = inbound
        return AsyncThrowingStream { [weak self] continuation in
            // The SDK wants a stream it can iterate from its own task; this task
            // only moves lines across and ends with the connection.
            let pump = Task {
                do {
                    for try await line in inbound {
                        let data = Data(line.readableBytesView)
                        if await self?.answeredDirectly(data) == true { continue }
                        continuation.yield(data)
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in pump.cancel() }
        }
    }

    /// Reads one inbound line, once: answers a read-only tool call itself
    /// (true), or counts what the SDK owes an answer to and leaves it to it (false).
    private func answeredDirectly(_ line: Data) async -> Bool {
        let message = try? JSONSerialization.jsonObject(with: line) as? [String: Any]
        if let shortcut, let message {
            if initialized, let reply = shortcut.answer(request: message) {
                try? await writeLine(reply)  // a failed write means the connection is gone either way
                return true
            }
            if ReadToolShortcut.isInitializedNotification(message) { initialized = true }
        }
        // Everything but a notification (or a client's response) gets an answer,
        // including lines that are not JSON at all (a parse error).
        if let message, message["method"] == nil || message["id"] == nil { return false }
        unanswered += 1
        return false
    }

    /// Waits (up to `timeout`) until every received request has its response.
    /// Only runs while a connection closes, never while it idles; it wakes on
    /// the last answer being sent or on the timeout, not on a polling timer.
    /// Called once per connection.
    func drain(timeout: Duration = .seconds(5)) async {
        guard unanswered > 0 else { return }
        let timer = Task {
            guard (try? await EventLoopSleep.sleep(for: timeout)) != nil else { return }  // cancelled: answered
            await self.endDrain()
        }
        // The continuation is stored before this actor runs anything else, so
        // neither the last answer nor the timer can come before it.
        await withCheckedContinuation { drainWaiter = $0 }
        timer.cancel()
    }

    private func endDrain() {
        drainWaiter?.resume()
        drainWaiter = nil
    }
}
