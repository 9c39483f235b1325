import LoopCore

extension CodexDecoder {
    /// Decodes a whole rollout file. Throws only when the file can't be read.
    public static func decodeFile(at path: String) throws -> (events: [NormalizedEvent], issues: [DecodeIssue]) {
        try decodeJSONLFile(at: path)
    }
}
