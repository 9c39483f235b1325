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
    private var lines: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator?
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    /// Requests handed to the SDK whose answer is not written yet. Every
    /// message the SDK sends is the answer to one of them (InboundMessage
    /// routes everything else), so counting spares parsing the large outbound
    /// JSON. It bounds the connection's memory (`maxUnanswered`) and lets a
    /// closing connection wait for its last answer (`drain()`).
    private var unanswered = 0 {
        didSet {
            if unanswered == 0 { endDrain() }
            if unanswered < Self.maxUnanswered { resumeReading() }
        }
    }
    /// At most this many requests of one connection are in the SDK's hands.
    /// The SDK runs each request in a task of its own and never waits for it,
    /// so without a bound a client that writes requests and never reads the
    /// answers makes loopd hold every request, task and answer (issue 13: about
    /// 1 GB). At the bound the transport stops pulling lines; NIOAsyncChannel's
    /// inbound buffer (10 lines) fills, it stops reading the socket, and the
    /// client's writes block in its own kernel buffer.
    static let maxUnanswered = 16
    /// The SDK's message loop waits here for an answer to free a slot.
    private nonisolated let gate = ReadGate()
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
        gate.stop()
        outbound.finish()
    }

    /// Ends the SDK's loop even while it waits for a slot (the server is
    /// stopping and the client may never read); callable from a synchronous
    /// cancellation handler.
    nonisolated func stopReading() {
        gate.stop()
    }

    func send(_ data: Data) async throws {
        // Released once the answer is handed to NIO, which accepts it only while
        // the channel is writable: an answer the client does not read keeps its slot.
        defer { unanswered = max(0, unanswered - 1) }
        try await writeLine(data)
    }

    private func writeLine(_ data: Data) async throws {
        var buffer = ByteBufferAllocator().buffer(capacity: data.count + 1)
        buffer.writeBytes(data)
        buffer.writeInteger(UInt8(ascii: "\n"))
        try await outbound.write(buffer)
    }

    /// Lines are pulled from the socket only when the SDK's loop asks for the
    /// next one (`unfolding`), never pushed ahead of it: a stream filled by a
    /// pump task of ours would buffer whatever the client sends.
    func receive() -> AsyncThrowingStream<Data, any Error> {
        AsyncThrowingStream { [weak self] in try await self?.nextLine() }
    }

    /// The next line for the SDK, or nil when the connection ends. Answers
    /// what the SDK should not see (InboundMessage) and the shortcut's tool calls
    /// itself, and waits while `maxUnanswered` requests are unanswered.
    private func nextLine() async throws -> Data? {
        while true {
            while unanswered >= Self.maxUnanswered && !gate.isStopped {
                await gate.wait()
            }
            guard !gate.isStopped, !Task.isCancelled else { return nil }
            // Only the SDK's one loop calls this; isolated to this actor, as a
            // `for await` here would be (the iterator is not Sendable).
            var iterator = lines ?? inbound.makeAsyncIterator()
            let next = try await iterator.next(isolation: self)
            lines = iterator
            guard let line = next else { return nil }
            let data = Data(line.readableBytesView)
            if await answeredDirectly(data) { continue }
            return data
        }
    }

    private func resumeReading() {
        gate.open()
    }

    /// Reads one inbound line, once: answers or drops it here (true), or counts
    /// the request the SDK owes an answer to and leaves it to it (false).
    private func answeredDirectly(_ line: Data) async -> Bool {
        let parsed = try? JSONSerialization.jsonObject(with: line)
        switch InboundMessage.classify(parsed) {
        case .refused(let code, let message):
            try? await writeLine(InboundMessage.errorLine(code: code, message: message))  // a failed write: the connection is gone
            return true
        case .ignored:
            return true
        case .notification:
            if let message = parsed as? [String: Any], ReadToolShortcut.isInitializedNotification(message) { initialized = true }
            return false
        case .request:
            if initialized, let shortcut, let message = parsed as? [String: Any], let reply = shortcut.answer(request: message) {
                try? await writeLine(reply)
                return true
            }
            unanswered += 1
            return false
        }
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
