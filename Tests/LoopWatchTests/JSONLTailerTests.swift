import Foundation
import LoopCore
import LoopTestSupport
import Testing
@testable import LoopWatch

@Suite struct JSONLTailerTests {
    func append(_ bytes: [UInt8], to path: String) throws {
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(bytes))
    }

    func append(_ text: String, to path: String) throws { try append(Array(text.utf8), to: path) }

    func texts(_ read: TailRead) -> [String] { read.lines.map { String(decoding: $0.bytes, as: UTF8.self) } }

    @Test func partialLastLineWaitsForItsNewline() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = dir.path + "/t.jsonl"
        try append("{\"a\":1}\n{\"b\":", to: file)

        let first = try JSONLTailer.read(path: file, from: nil)
        #expect(texts(first) == ["{\"a\":1}"])
        #expect(first.cursor.offset == 8)
        #expect(first.cursor.linesRead == 1)

        let nothingNew = try JSONLTailer.read(path: file, from: first.cursor)
        #expect(nothingNew.lines.isEmpty && nothingNew.reset == nil)

        try append("2}\n", to: file)
        let second = try JSONLTailer.read(path: file, from: first.cursor)
        #expect(texts(second) == ["{\"b\":2}"])
        #expect(second.lines.first?.lineNumber == 2)
        #expect(second.lines.first?.byteOffset == 8)
    }

    @Test func restartFromPersistedCursorNeitherRepeatsNorMisses() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = dir.path + "/t.jsonl"
        try append("1\n2\n3\n", to: file)
        let before = try JSONLTailer.read(path: file, from: nil)
        // What the outbox stores and a restarted daemon loads.
        let stored = try JSONEncoder().encode(before.cursor)
        try append("4\n5\n6", to: file)

        let restored = try JSONDecoder().decode(TailCursor.self, from: stored)
        let after = try JSONLTailer.read(path: file, from: restored)
        #expect(texts(after) == ["4", "5"])
        #expect(after.lines.map(\.lineNumber) == [4, 5])
        #expect(after.lines.map(\.byteOffset) == [6, 8])
        #expect(after.reset == nil)
    }

    @Test func truncationRestartsFromTheBeginning() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = dir.path + "/t.jsonl"
        try append("one\ntwo\nthree\n", to: file)
        let before = try JSONLTailer.read(path: file, from: nil)
        #expect(truncate(file, 0) == 0)
        try append("new\n", to: file)

        let after = try JSONLTailer.read(path: file, from: before.cursor)
        #expect(after.reset == .truncated)
        #expect(texts(after) == ["new"])
        #expect(after.lines.first?.lineNumber == 1)
    }

    @Test func replacementByRenameIsReadFromTheStart() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = dir.path + "/t.jsonl"
        try append("old 1\nold 2\n", to: file)
        let before = try JSONLTailer.read(path: file, from: nil)
        // Keep the old file open elsewhere so its inode cannot be reused by the new one.
        let keep = try FileHandle(forReadingFrom: URL(fileURLWithPath: file))
        defer { try? keep.close() }
        try append("fresh 1\nfresh 2\nfresh 3\n", to: dir.path + "/t.tmp")
        #expect(rename(dir.path + "/t.tmp", file) == 0)

        let after = try JSONLTailer.read(path: file, from: before.cursor)
        #expect(after.reset == .replaced)
        #expect(texts(after) == ["fresh 1", "fresh 2", "fresh 3"])
        #expect(after.cursor.inode != before.cursor.inode)
    }

    @Test func inPlaceRewriteIsNoticedByTheLastLineHash() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = dir.path + "/t.jsonl"
        try append("aaa\nbbb\n", to: file)
        let before = try JSONLTailer.read(path: file, from: nil)
        // Same inode, same size, different last line.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
        try handle.write(contentsOf: Data("aaa\nccc\nddd\n".utf8))
        try handle.close()

        let after = try JSONLTailer.read(path: file, from: before.cursor)
        #expect(after.reset == .rewritten)
        #expect(texts(after) == ["aaa", "ccc", "ddd"])
    }

    @Test func deletedFileIsAMissingError() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = dir.path + "/t.jsonl"
        try append("x\n", to: file)
        let before = try JSONLTailer.read(path: file, from: nil)
        try FileManager.default.removeItem(atPath: file)
        #expect(throws: TailError(code: .missing, path: file, errno: ENOENT)) {
            try JSONLTailer.read(path: file, from: before.cursor)
        }
    }

    @Test func directoryIsNotARegularFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        #expect(throws: TailError(code: .notARegularFile, path: dir.path, errno: 0)) {
            try JSONLTailer.read(path: dir.path, from: nil)
        }
    }

    @Test func nonUTF8BytesPassThroughUnchanged() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = dir.path + "/t.jsonl"
        let raw: [UInt8] = [0x7B, 0xFF, 0xFE, 0xC3, 0x28, 0x00, 0x7D]
        try append(raw + [0x0A] + [0x80, 0x0D] + [0x0A], to: file)
        let read = try JSONLTailer.read(path: file, from: nil)
        #expect(read.lines.map(\.bytes) == [raw, [0x80, 0x0D]])
    }

    @Test func maxBytesReturnsBoundedBatches() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = dir.path + "/t.jsonl"
        let all = (1...100).map { "line \($0)" }
        try append(all.joined(separator: "\n") + "\n", to: file)

        var cursor: TailCursor?
        var seen: [String] = []
        var batches = 0
        repeat {
            let batch = try JSONLTailer.read(path: file, from: cursor, maxBytes: 50)
            #expect(batch.lines.reduce(0) { $0 + $1.bytes.count + 1 } < 50 + 10)
            seen += texts(batch)
            cursor = batch.cursor
            batches += 1
            if !batch.hasMore { break }
        } while batches < 1_000
        #expect(seen == all)
        #expect(batches > 10)
    }

    @Test func lineLongerThanAChunkIsAssembled() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = dir.path + "/t.jsonl"
        let long = [UInt8](repeating: UInt8(ascii: "x"), count: JSONLTailer.chunkSize * 2 + 17)
        try append(Array("short\n".utf8) + long + [0x0A] + Array("end\n".utf8), to: file)
        let read = try JSONLTailer.read(path: file, from: nil)
        #expect(read.lines.map(\.bytes.count) == [5, long.count, 3])
        #expect(read.lines.map(\.byteOffset) == [0, 6, Int64(6 + long.count + 1)])
        let again = try JSONLTailer.read(path: file, from: read.cursor)
        #expect(again.lines.isEmpty && again.reset == nil)
    }

    /// Whatever sizes the writer appends in, tailing after every append yields
    /// the same lines as splitting the whole file at once.
    @Test(arguments: [1, 2, 3, 7, 16, 64, 333])
    func tailingGrowingFileMatchesSplit(appendSize: Int) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = dir.path + "/t.jsonl"
        let content = Array((0..<40).map { "{\"n\":\($0),\"pad\":\"\(String(repeating: "é", count: $0 % 5))\"}\n" }
            .joined().utf8) + Array("{\"partial\":".utf8)
        _ = FileManager.default.createFile(atPath: file, contents: nil)

        var cursor: TailCursor?
        var lines: [TailedLine] = []
        for start in stride(from: 0, to: content.count, by: appendSize) {
            try append(Array(content[start..<min(start + appendSize, content.count)]), to: file)
            let read = try JSONLTailer.read(path: file, from: cursor)
            #expect(read.reset == nil)
            lines += read.lines
            cursor = read.cursor
        }
        let expected = content.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map(Array.init)
        #expect(lines.map(\.bytes) == expected)
        #expect(lines.map(\.lineNumber) == Array(1...expected.count))
    }

    @Test func fnv1aIsTheStandardStableHash() {
        // Published FNV-1a 64 test vectors.
        #expect(FNV1a.hash([UInt8]()) == 0xcbf2_9ce4_8422_2325)
        #expect(FNV1a.hash(Array("a".utf8)) == 0xaf63_dc4c_8601_ec8c)
        #expect(FNV1a.hash(Array("foobar".utf8)) == 0x8594_4171_f739_67e8)
    }

    @Test func fileIdentityReportsInodeAndSize() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = dir.path + "/t.jsonl"
        try append("12345", to: file)
        let identity = try #require(fileIdentity(path: file))
        #expect(identity.size == 5 && !identity.isDirectory && identity.inode != 0)
        #expect(fileIdentity(path: dir.path + "/none") == nil)
    }
}
