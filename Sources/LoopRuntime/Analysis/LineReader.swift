import Foundation
import LoopCore
#if canImport(Glibc)
import Glibc
#endif

/// Reads a file line by line through one buffer, so memory stays flat
/// whatever the file's size. The last line is delivered even without a newline.
public enum LineReader {
    /// `chunkSize` is the buffer's starting size; it doubles for a line longer
    /// than the buffer. Reading straight into one 256 KB buffer, instead of
    /// 1 MB reads copied once more into a carry buffer, made
    /// `loopctl bench-decode` about 9 % faster and its peak RSS 2.5 MB lower
    /// (docs/performance.md): the bytes are copied once, and are still in the
    /// cache when the decoder reads them.
    public static func forEachLine(
        path: String, chunkSize: Int = 1 << 18,
        _ body: (_ line: ArraySlice<UInt8>, _ number: Int, _ byteOffset: Int64) throws -> Void
    ) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw CocoaError(.fileReadNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: max(chunkSize, 1))
        var filled = 0  // buffer[0..<filled] holds bytes not yet delivered
        var lineNumber = 0
        var offset: Int64 = 0
        while true {
            if filled == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
            let count = try readSome(fd, into: &buffer, at: filled, path: path)
            if count == 0 { break }
            let scanFrom = filled
            filled += count
            var start = 0
            var searchFrom = scanFrom
            while let newline = Self.newline(in: buffer, from: searchFrom, to: filled) {
                lineNumber += 1
                try body(buffer[start..<newline], lineNumber, offset)
                offset += Int64(newline - start + 1)
                start = newline + 1
                searchFrom = start
            }
            // The unfinished line moves to the front for the next read.
            if start > 0 {
                let rest = filled - start
                buffer.withUnsafeMutableBufferPointer { p in
                    _ = memmove(p.baseAddress!, p.baseAddress! + start, rest)
                }
                filled = rest
            }
        }
        if filled > 0 {
            try body(buffer[0..<filled], lineNumber + 1, offset)
        }
    }

    /// read(2) into `buffer[at...]`, retried on EINTR; 0 at the end of the file.
    private static func readSome(_ fd: Int32, into buffer: inout [UInt8], at index: Int, path: String) throws -> Int {
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + index, $0.count - index) }
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: path, NSUnderlyingErrorKey: POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)])
        }
    }

    static func newline(in bytes: [UInt8], from start: Int, to end: Int) -> Int? {
        bytes.withUnsafeBufferPointer { ByteSearch.firstIndex(of: 0x0A, in: $0, from: start, to: end) }
    }
}
