import Foundation
import LoopTestSupport
import Testing
@testable import LoopRuntime

/// Lines, numbers and offsets are the same whatever the chunk size.
@Suite struct LineReaderTests {
    @Test(arguments: [1, 2, 3, 7, 1 << 20])
    func linesAcrossChunkBoundaries(chunkSize: Int) throws {
        let root = try TemporaryDirectory(prefix: "loop-linereader")
        defer { root.remove() }
        let path = root.appending("t.jsonl").path
        let text = "first\n\nthird line é\n{\"a\":1}\nlast without newline"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        var seen: [(String, Int, Int64)] = []
        try LineReader.forEachLine(path: path, chunkSize: chunkSize) { line, number, offset in
            seen.append((String(decoding: line, as: UTF8.self), number, offset))
        }
        #expect(seen.map(\.0) == ["first", "", "third line é", "{\"a\":1}", "last without newline"])
        #expect(seen.map(\.1) == [1, 2, 3, 4, 5])
        let bytes = Array(text.utf8)
        for (line, _, offset) in seen {
            #expect(Array(bytes[Int(offset)..<(Int(offset) + line.utf8.count)]) == Array(line.utf8))
        }
    }

    @Test func emptyFileAndNewlineOnly() throws {
        let root = try TemporaryDirectory(prefix: "loop-linereader")
        defer { root.remove() }
        for (text, expected) in [("", [String]()), ("\n", [""]), ("a\n", ["a"])] {
            let path = root.appending("f").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            var lines: [String] = []
            try LineReader.forEachLine(path: path, chunkSize: 4) { line, _, _ in lines.append(String(decoding: line, as: UTF8.self)) }
            #expect(lines == expected, "\(text.debugDescription)")
        }
    }
}
