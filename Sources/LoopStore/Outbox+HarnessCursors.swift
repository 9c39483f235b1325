import Foundation
import GRDB

/// Cursors of sources that are not JSONL files (OpenCode's SQLite database):
/// the reader's own Codable cursor, stored as JSON text under the source's path.
extension Outbox {
    public func harnessCursor<Cursor: Decodable>(source: String, as type: Cursor.Type) throws -> Cursor? {
        let text = try read { db in
            try String.fetchOne(db, sql: "SELECT value FROM harnessCursor WHERE source = ?", arguments: [source])
        }
        guard let text else { return nil }
        return try JSONDecoder().decode(Cursor.self, from: Data(text.utf8))
    }

    public func saveHarnessCursor<Cursor: Encodable>(_ cursor: Cursor, source: String, at date: Date = Date()) throws {
        let text = String(decoding: try JSONEncoder().encode(cursor), as: UTF8.self)
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO harnessCursor (source, value, updatedAt) VALUES (?, ?, ?)
                    ON CONFLICT(source) DO UPDATE SET value = excluded.value, updatedAt = excluded.updatedAt
                    """,
                arguments: [source, text, date])
        }
    }
}
