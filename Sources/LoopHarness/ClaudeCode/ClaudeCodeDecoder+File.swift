import Foundation
import LoopCore

extension ClaudeCodeDecoder {
    /// Decodes a whole transcript file (see `LineDecoder.decodeJSONLFile`).
    /// Throws only when the file can't be read.
    public static func decodeFile(at path: String) throws -> (events: [NormalizedEvent], issues: [DecodeIssue]) {
        try decodeJSONLFile(at: path)
    }
}
