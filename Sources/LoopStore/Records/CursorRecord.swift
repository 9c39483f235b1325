import Foundation
import GRDB
import LoopCore

/// One row of `tailCursor`. SQLite integers are signed 64-bit, so the unsigned
/// device, inode and hash are stored as their bit patterns: a hash above
/// `Int64.max` must round-trip, not fail.
struct CursorRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "tailCursor"

    var path: String
    var device: Int64
    var inode: Int64
    var byteOffset: Int64
    var linesRead: Int
    var lastLineHash: Int64
    var updatedAt: Date

    enum Columns {
        static let path = Column(CodingKeys.path)
    }

    init(_ cursor: TailCursor, at date: Date) {
        path = cursor.path
        device = Int64(bitPattern: cursor.device)
        inode = Int64(bitPattern: cursor.inode)
        byteOffset = cursor.offset
        linesRead = cursor.linesRead
        lastLineHash = Int64(bitPattern: cursor.lastLineHash)
        updatedAt = date
    }

    var cursor: TailCursor {
        TailCursor(
            path: path, device: UInt64(bitPattern: device), inode: UInt64(bitPattern: inode),
            offset: byteOffset, linesRead: linesRead, lastLineHash: UInt64(bitPattern: lastLineHash))
    }
}
