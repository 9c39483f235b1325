import Foundation
import FuzzSupport
import LoopCore
@testable import LoopMCP
import LoopStore
import NIOCore
import NIOEmbedded

/// One outbox for every input, with a pending lesson so the read-only tools
/// have something to answer with.
let tools: LessonTools = {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loop-fuzz-jsonrpc-\(getpid())")
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let outbox = try! Outbox.open(at: directory.appendingPathComponent("outbox.sqlite3").path)
    return LessonTools(outbox: outbox, redactor: Redactor(), detectorConfig: DetectorConfig(), clientVersion: "fuzz",
                       transcripts: NoTranscripts())
}()
let shortcut = ReadToolShortcut(tools: tools)

struct NoTranscripts: TranscriptReading {
    func conversation(transcriptPath: String, mentioning lessonID: String) -> [ChatTurn] { [] }
}

/// Every input is what a client writes to loopd's socket: framed into lines
/// by the same decoder the endpoint uses (with a small line limit, so the
/// too-long path is reached too), then each line read the way the endpoint
/// reads it before the SDK sees it.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzJSONRPCReader(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let channel = EmbeddedChannel(handler: ByteToMessageHandler(LineFrameDecoder(maxLineLength: 4_096)))
    var buffer = ByteBuffer()
    buffer.writeBytes(bytes(start, count))
    _ = try? channel.writeInbound(buffer)
    _ = try? channel.finish()
    while let line = try? channel.readInbound(as: ByteBuffer.self) {
        let data = Data(line.readableBytesView)
        precondition(!data.contains(0x0A), "a frame holds a newline")
        let parsed = try? JSONSerialization.jsonObject(with: data)
        // The filter every line passes before the SDK: a refusal is one valid JSON line.
        if case .refused(let code, let message) = InboundMessage.classify(parsed) {
            let line = InboundMessage.errorLine(code: code, message: message)
            precondition((try? JSONSerialization.jsonObject(with: line)) != nil, "a refusal is invalid JSON")
        }
        if let message = parsed as? [String: Any] {
            _ = ReadToolShortcut.isInitializedNotification(message)
        }
        if let answer = shortcut.answer(data) {
            precondition((try? JSONSerialization.jsonObject(with: answer)) != nil, "the shortcut wrote invalid JSON")
        }
    }
    return 0
}

@_cdecl("FuzzJSONRPCReader_main")
func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzJSONRPCReader)
}
