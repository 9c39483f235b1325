import NIOCore

/// Splits a byte stream into newline-delimited frames, as MCP's stdio framing
/// asks (one JSON-RPC message per line, no embedded newlines). A trailing `\r`
/// is dropped and empty lines are skipped, so `printf '…\r\n'` clients work.
///
/// A line longer than `maxLineLength` fails this connection only: a peer that
/// never sends a newline must not make the daemon buffer without bound.
struct LineFrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer

    /// 8 MiB: far above any tool call (lesson texts are capped at a few KiB).
    static let defaultMaxLineLength = 8 << 20

    let maxLineLength: Int
    /// Bytes already searched for a newline, so each byte is scanned once.
    private var scanned = 0

    init(maxLineLength: Int = LineFrameDecoder.defaultMaxLineLength) {
        self.maxLineLength = maxLineLength
    }

    struct LineTooLong: Error, CustomStringConvertible {
        var limit: Int
        var description: String { "a message longer than \(limit) bytes without a newline; closing the connection" }
    }

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let view = buffer.readableBytesView
        let start = view.startIndex + scanned
        guard let newline = view[start...].firstIndex(of: UInt8(ascii: "\n")) else {
            scanned = view.count
            if scanned > maxLineLength { throw LineTooLong(limit: maxLineLength) }
            return .needMoreData
        }
        scanned = 0
        let length = newline - view.startIndex
        guard var line = buffer.readSlice(length: length) else { return .needMoreData }
        buffer.moveReaderIndex(forwardBy: 1)
        if line.readableBytesView.last == UInt8(ascii: "\r") {
            line = line.getSlice(at: line.readerIndex, length: line.readableBytes - 1) ?? line
        }
        if line.readableBytes > 0 {
            context.fireChannelRead(wrapInboundOut(line))
        }
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        // A last message without its newline still counts when the peer half-closes.
        while try decode(context: context, buffer: &buffer) == .continue {}
        if buffer.readableBytes > 0, let rest = buffer.readSlice(length: buffer.readableBytes) {
            scanned = 0
            context.fireChannelRead(wrapInboundOut(rest))
        }
        return .needMoreData
    }
}
