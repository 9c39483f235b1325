import Foundation

/// Reads a file line by line in fixed-size chunks, so memory stays flat
/// whatever the file's size. The last line is delivered even without a newline.
public enum LineReader {
    public static func forEachLine(
        path: String, chunkSize: Int = 1 << 20,
        _ body: (_ line: ArraySlice<UInt8>, _ number: Int, _ byteOffset: Int64) throws -> Void
    ) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? handle.close() }
        var carry: [UInt8] = []
        var lineNumber = 0
        var offset: Int64 = 0
        while let chunk = try handle.read(upToCount: chunkSize), !chunk.isEmpty {
            carry.append(contentsOf: chunk)
            var start = carry.startIndex
            while let newline = Self.newline(in: carry, from: start) {
                lineNumber += 1
                try body(carry[start..<newline], lineNumber, offset)
                offset += Int64(newline - start + 1)
                start = newline + 1
            }
            carry.removeSubrange(carry.startIndex..<start)
        }
        if !carry.isEmpty {
            try body(carry[...], lineNumber + 1, offset)
        }
    }

    /// The next "\n" at or after `start`, found with memchr (vectorized in
    /// glibc; a generic firstIndex(of:) was a visible share of decoding time).
    static func newline(in bytes: [UInt8], from start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        return bytes.withUnsafeBufferPointer { p in
            guard let found = memchr(p.baseAddress! + start, 0x0A, p.count - start) else { return nil }
            return p.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }
}
