/// How far a transcript file has been read. Persisted in the outbox so a
/// restart neither re-processes nor misses lines.
public struct TailCursor: Codable, Sendable, Hashable {
    /// Absolute path of the file as it was watched.
    public var path: String
    /// File identity: a replaced file (new inode) is read from the start.
    public var device: UInt64
    public var inode: UInt64
    /// Byte offset just past the last complete line consumed.
    public var offset: Int64
    /// Number of complete lines consumed (the next line is `linesRead + 1`).
    public var linesRead: Int
    /// Hash of the last consumed line, to notice a file rewritten in place to the same size.
    public var lastLineHash: UInt64

    public init(path: String, device: UInt64, inode: UInt64, offset: Int64, linesRead: Int, lastLineHash: UInt64) {
        self.path = path
        self.device = device
        self.inode = inode
        self.offset = offset
        self.linesRead = linesRead
        self.lastLineHash = lastLineHash
    }
}
