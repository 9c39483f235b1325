#if canImport(Glibc)
import Glibc
#endif
import LoopCore

/// Reads the complete lines appended to a file since a persisted ``TailCursor``.
///
/// Stateless: every call opens the file, checks the cursor still describes it,
/// and reads forward in fixed-size chunks, so memory stays bounded by
/// `maxBytes` plus the longest line. A restart that reloads the cursor neither
/// re-reads nor skips a line. A last line without its `\n` is left for the
/// next call, since a writer may be half-way through it.
public enum JSONLTailer {
    /// Bytes read per `pread`.
    public static let chunkSize = 1 << 20

    /// Reads complete lines after `cursor`.
    ///
    /// - Parameters:
    ///   - cursor: where the last read stopped, nil to start at the beginning.
    ///     A cursor for another inode, beyond the end of the file, or whose last
    ///     line no longer matches restarts at 0 and says why in `reset`.
    ///   - maxBytes: stop once at least this many line bytes were returned
    ///     (always at least one line); nil reads to the end.
    /// - Returns: the lines and the cursor to persist after processing them.
    /// - Throws: ``TailError`` `.missing` when the file is gone (for example
    ///   deleted while tailed), `.unreadable`, `.notARegularFile`.
    public static func read(path: String, from cursor: TailCursor?, maxBytes: Int? = nil) throws(TailError) -> TailRead {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let failure = errno
            throw TailError(code: failure == ENOENT ? .missing : .unreadable, path: path, errno: failure)
        }
        defer { close(fd) }
        // fstat the open fd, not the path: the identity must be that of the bytes we read.
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw TailError(code: .unreadable, path: path, errno: errno) }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw TailError(code: .notARegularFile, path: path, errno: 0)
        }
        let identity = FileIdentity(info)
        var start = TailCursor(path: path, device: identity.device, inode: identity.inode,
                               offset: 0, linesRead: 0, lastLineHash: 0)
        var reset: ResetReason?
        if let cursor {
            reset = try resetReason(for: cursor, fd: fd, identity: identity, path: path)
            if reset == nil { start = cursor }
        }
        var result = try readLines(fd: fd, path: path, from: start, fileSize: identity.size, maxBytes: maxBytes)
        result.reset = reset
        return result
    }

    /// Whether `cursor` still describes this file, or why it must restart at 0.
    static func resetReason(for cursor: TailCursor, fd: Int32, identity: FileIdentity, path: String)
        throws(TailError) -> ResetReason?
    {
        if cursor.device != identity.device || cursor.inode != identity.inode { return .replaced }
        if identity.size < cursor.offset { return .truncated }
        guard cursor.offset > 0 else { return nil }
        let lastLine = try lineEnding(at: cursor.offset, fd: fd, path: path)
        return lastLine.map { FNV1a.hash($0) } == cursor.lastLineHash ? nil : .rewritten
    }

    /// The line whose `\n` is the byte just before `end`, without the `\n`;
    /// nil when that byte is not a newline. Reads backwards in chunks.
    static func lineEnding(at end: Int64, fd: Int32, path: String) throws(TailError) -> [UInt8]? {
        guard try readChunk(fd: fd, path: path, offset: end - 1, count: 1) == [0x0A] else { return nil }
        var line: [UInt8] = []
        var position = end - 1
        while position > 0 {
            let count = Int(min(Int64(64 * 1024), position))
            let chunk = try readChunk(fd: fd, path: path, offset: position - Int64(count), count: count)
            if let newline = chunk.lastIndex(of: 0x0A) {
                line.insert(contentsOf: chunk[(newline + 1)...], at: 0)
                return line
            }
            line.insert(contentsOf: chunk, at: 0)
            position -= Int64(count)
        }
        return line
    }

    static func readLines(fd: Int32, path: String, from start: TailCursor, fileSize: Int64, maxBytes: Int?)
        throws(TailError) -> TailRead
    {
        var cursor = start
        var lines: [TailedLine] = []
        var returnedBytes = 0
        var partial: [UInt8] = []  // the start of a line that began in an earlier chunk
        var position = start.offset
        // Only the last line's hash goes into the cursor, so it is hashed once,
        // when the read returns (FNV-1a runs a byte at a time; hashing every
        // line was a tenth of a backfill).
        func finished(hasMore: Bool) -> TailRead {
            if let last = lines.last { cursor.lastLineHash = FNV1a.hash(last.bytes) }
            return TailRead(lines: lines, cursor: cursor, reset: nil, hasMore: hasMore)
        }
        while position < fileSize {
            let chunk = try readChunk(fd: fd, path: path, offset: position, count: chunkSize)
            if chunk.isEmpty { break }  // shrank while reading; the next call sees the truncation
            var lineStart = 0
            while let newline = Self.newline(in: chunk, from: lineStart) {
                // A line inside the chunk is copied once; only a line split
                // across chunks is assembled in `partial`.
                let bytes: [UInt8]
                if partial.isEmpty {
                    bytes = Array(chunk[lineStart..<newline])
                } else {
                    partial.append(contentsOf: chunk[lineStart..<newline])
                    bytes = partial
                    partial = []
                }
                let lineOffset = position + Int64(newline) - Int64(bytes.count)
                cursor.linesRead += 1
                cursor.offset = position + Int64(newline) + 1
                lines.append(TailedLine(bytes: bytes, lineNumber: cursor.linesRead, byteOffset: lineOffset))
                returnedBytes += bytes.count + 1
                lineStart = newline + 1
                if let maxBytes, returnedBytes >= maxBytes {
                    return finished(hasMore: cursor.offset < fileSize)
                }
            }
            partial.append(contentsOf: chunk[lineStart...])
            position += Int64(chunk.count)
        }
        return finished(hasMore: false)
    }

    static func newline(in bytes: [UInt8], from start: Int) -> Int? {
        bytes.withUnsafeBufferPointer { ByteSearch.firstIndex(of: 0x0A, in: $0, from: start, to: $0.count) }
    }

    static func readChunk(fd: Int32, path: String, offset: Int64, count: Int) throws(TailError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let result = bytes.withUnsafeMutableBytes { raw in
                pread(fd, raw.baseAddress! + filled, count - filled, off_t(offset) + off_t(filled))
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw TailError(code: .unreadable, path: path, errno: errno)
            }
            if result == 0 { break }
            filled += result
        }
        bytes.removeLast(count - filled)
        return bytes
    }
}
