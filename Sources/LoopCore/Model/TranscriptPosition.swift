/// Where in a transcript a normalized event came from. Kept with evidence so
/// `loopctl show` can point at the exact line.
public struct TranscriptPosition: Codable, Sendable, Hashable {
    /// Absolute path of the transcript file.
    public var path: String
    /// 1-based line number in a JSONL file (0 when the source has no lines, e.g. SQLite).
    public var line: Int
    /// Byte offset of the start of that line.
    public var byteOffset: Int64
    /// The harness's own id of the record (Claude `uuid`, Codex line, OpenCode message id).
    public var recordID: String?

    public init(path: String, line: Int, byteOffset: Int64, recordID: String? = nil) {
        self.path = path
        self.line = line
        self.byteOffset = byteOffset
        self.recordID = recordID
    }
}
