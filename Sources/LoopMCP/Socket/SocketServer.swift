import Foundation
import Logging
import MCP
import NIOCore
import NIOPosix

/// loop's MCP endpoint: accepts connections on a listening unix socket, refuses
/// peers of another uid (SO_PEERCRED) before reading a byte, and runs one MCP
/// `Server` per connection so agents are isolated from each other.
public struct SocketServer: Sendable {
    let descriptor: Int32
    let tools: LessonTools
    let serverVersion: String
    let allowedUID: UInt32
    let logger: Logger

    /// - Parameters:
    ///   - descriptor: a bound, listening `AF_UNIX` stream socket (from
    ///     `ListeningSocket.bind` or systemd). The server takes ownership.
    ///   - allowedUID: the only uid served; normally our own.
    public init(descriptor: Int32, tools: LessonTools, serverVersion: String, allowedUID: UInt32 = getuid(), logger: Logger) {
        self.descriptor = descriptor
        self.tools = tools
        self.serverVersion = serverVersion
        self.allowedUID = allowedUID
        self.logger = logger
    }

    enum Accepted: Sendable {
        case served(PeerCredentials, NIOAsyncChannel<ByteBuffer, ByteBuffer>)
        case refused(PeerCredentials?, any Channel)
    }

    /// Serves until the task is cancelled; then closes every connection and returns.
    public func run() async throws {
        let allowedUID = allowedUID
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            // A client that half-closes after its last request still gets the answers.
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .bind(descriptor) { channel in
                PeerCredentials.of(channel).flatMap { peer -> EventLoopFuture<Accepted> in
                    guard peer.uid == allowedUID else {
                        return channel.eventLoop.makeSucceededFuture(.refused(peer, channel))
                    }
                    return channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineFrameDecoder()))
                        return .served(peer, try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel))
                    }
                }.flatMapError { _ in channel.eventLoop.makeSucceededFuture(.refused(nil, channel)) }
            }
        logger.info("MCP endpoint listening", metadata: ["loop.socket.fd": "\(descriptor)"])
        try await withThrowingDiscardingTaskGroup { group in
            try await listener.executeThenClose { connections in
                for try await connection in connections {
                    group.addTask { await serve(connection) }
                }
            }
        }
    }

    private func serve(_ connection: Accepted) async {
        switch connection {
        case .refused(let peer, let channel):
            logger.warning("refused an MCP connection from another user", metadata: [
                "loop.peer.uid": "\(peer.map { String($0.uid) } ?? "unknown")", "loop.peer.pid": "\(peer.map { String($0.pid) } ?? "unknown")",
            ])
            try? await channel.close()
        case .served(let peer, let channel):
            logger.debug("MCP connection", metadata: ["loop.peer.pid": "\(peer.pid)"])
            do {
                try await channel.executeThenClose { inbound, outbound in
                    let transport = SocketTransport(inbound: inbound, outbound: outbound, logger: logger, shortcut: ReadToolShortcut(tools: tools))
                    let context = ConnectionContext()
                    let server = await tools.makeServer(version: serverVersion, context: context)
                    try await server.start(transport: transport) { client, _ in
                        await context.identify(clientName: client.name)
                    }
                    // The SDK's message loop runs in a task of its own, which our
                    // cancellation does not reach: closing the channel ends it, and
                    // stopReading wakes it if it waits for a client that never reads.
                    await withTaskCancellationHandler {
                        await server.waitUntilCompleted()
                    } onCancel: {
                        transport.stopReading()
                        channel.channel.close(promise: nil)
                    }
                    await transport.drain()
                    await server.stop()
                }
            } catch {
                logger.debug("MCP connection ended with an error", metadata: ["loop.error": "\(error)"])
            }
        }
    }
}
