import LoopCore

/// One complete line of a tailed file.
public struct TailedLine: Sendable, Hashable {
    /// The line's bytes without its `\n`, exactly as on disk (not required to be UTF-8).
    public var bytes: [UInt8]
    /// 1-based line number in the file.
    public var lineNumber: Int
    /// Offset of the line's first byte in the file.
    public var byteOffset: Int64

    public init(bytes: [UInt8], lineNumber: Int, byteOffset: Int64) {
        self.bytes = bytes
        self.lineNumber = lineNumber
        self.byteOffset = byteOffset
    }
}

/// Why a read started again from the beginning of the file instead of the cursor.
public enum ResetReason: String, Sendable, Hashable {
    /// Another file now has the path (new device or inode): rotation, or an editor's save-by-rename.
    case replaced
    /// The file is shorter than the cursor's offset.
    case truncated
    /// The bytes before the cursor are no longer the line it last consumed: rewritten in place.
    case rewritten
}

/// The result of one ``JSONLTailer/read(path:from:maxBytes:)``.
public struct TailRead: Sendable {
    /// Complete lines after the cursor, in order. A partial last line is not included.
    public var lines: [TailedLine]
    /// Where the next read starts; persist it once `lines` are processed.
    public var cursor: TailCursor
    /// Set when the cursor no longer fit the file and reading restarted at 0.
    public var reset: ResetReason?
    /// True when the read stopped at `maxBytes` before the end of the file: read again
    /// (the rest may turn out to be only a partial line).
    public var hasMore: Bool
}

/// Why a file could not be tailed. Compare by ``code``.
public struct TailError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: Sendable, Hashable {
        let rawValue: String
        /// The path does not exist (deleted while tailed, or never created).
        public static let missing = Code(rawValue: "missing")
        /// It exists but cannot be opened or read (permissions, I/O error).
        public static let unreadable = Code(rawValue: "unreadable")
        /// It is a directory or another non-regular file.
        public static let notARegularFile = Code(rawValue: "notARegularFile")
    }

    public var code: Code
    public var path: String
    public var errno: Int32

    public var description: String { "cannot tail \(path): \(code.rawValue) (errno \(errno))" }
}
