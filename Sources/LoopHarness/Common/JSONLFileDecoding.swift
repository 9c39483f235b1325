import Foundation
import LoopCore

extension LineDecoder {
    /// Decodes a whole JSONL file with a fresh decoder: lines split on `\n` with
    /// exact byte offsets; a final line without a newline is decoded too (unlike
    /// a tailer, which must wait for the newline). Throws only when the file
    /// can't be read.
    static func decodeJSONLFile(at path: String) throws -> (events: [NormalizedEvent], issues: [DecodeIssue]) {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        var decoder = Self(path: path)
        var events: [NormalizedEvent] = []
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            let bytes = buffer.bindMemory(to: UInt8.self)
            var lineStart = 0
            var lineNumber = 1
            while lineStart < bytes.count {
                let newline = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                events += decoder.decode(
                    line: bytes[lineStart..<newline], lineNumber: lineNumber, byteOffset: Int64(lineStart))
                lineStart = newline + 1
                lineNumber += 1
            }
        }
        events += decoder.finish()
        return (events, decoder.issues)
    }
}
