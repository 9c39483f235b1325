import Foundation
import LoopCore
import LoopStore
import Testing

@Suite struct CursorTests {
    @Test func cursorsRoundTripIncludingFullWidthUnsignedValues() throws {
        let file = try OutboxFile()
        defer { file.directory.remove() }
        let outbox = try file.open()
        let cursor = TailCursor(path: "/t/a.jsonl", device: 2049, inode: UInt64.max - 7, offset: 4096,
                                linesRead: 37, lastLineHash: 0xFEDC_BA98_7654_3210)

        #expect(try outbox.cursor(path: cursor.path) == nil)
        try outbox.saveCursor(cursor)
        #expect(try outbox.cursor(path: cursor.path) == cursor)

        var moved = cursor
        moved.offset = 8192
        moved.linesRead = 80
        try outbox.saveCursor(moved)
        #expect(try outbox.cursor(path: cursor.path) == moved)
        #expect(try file.open().cursor(path: cursor.path) == moved)  // persisted

        try outbox.deleteCursor(path: cursor.path)
        #expect(try outbox.cursor(path: cursor.path) == nil)
        try outbox.deleteCursor(path: cursor.path)  // deleting nothing is fine
    }

    @Test func aBatchIsSavedTogether() throws {
        let file = try OutboxFile()
        defer { file.directory.remove() }
        let outbox = try file.open()
        let batch = (1...5).map {
            TailCursor(path: "/t/\($0).jsonl", device: 1, inode: UInt64($0), offset: Int64($0 * 10), linesRead: $0,
                       lastLineHash: UInt64($0))
        }
        try outbox.saveCursors(batch)
        #expect(try outbox.cursors() == batch)
    }
}

@Suite("Outbox: harness cursors")
struct HarnessCursorTests {
    struct Sample: Codable, Equatable { var time: Int64; var seen: [String: UInt64] }

    @Test func roundTripAndOverwrite() throws {
        let file = try OutboxFile()
        defer { file.directory.remove() }
        let outbox = try file.open()
        #expect(try outbox.harnessCursor(source: "/db", as: Sample.self) == nil)
        try outbox.saveHarnessCursor(Sample(time: 5, seen: ["a": UInt64.max]), source: "/db")
        try outbox.saveHarnessCursor(Sample(time: 7, seen: [:]), source: "/db")
        #expect(try file.open().harnessCursor(source: "/db", as: Sample.self) == Sample(time: 7, seen: [:]))
    }
}
