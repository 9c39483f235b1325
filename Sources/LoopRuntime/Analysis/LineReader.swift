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
            while let newline = carry[start...].firstIndex(of: UInt8(ascii: "\n")) {
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
}
