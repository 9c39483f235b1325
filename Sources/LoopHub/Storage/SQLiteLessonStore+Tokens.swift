import Foundation
import GRDB

extension SQLiteLessonStore {
    public func insertToken(_ token: TokenRecord) async throws {
        try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO tokens (id, email, role, artifacts, salt, hash, created_at, expires_at, revoked_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [
                    token.id, token.email, token.role.rawValue, CanonicalJSON.string(token.artifacts),
                    Data(token.salt), Data(token.hash), token.createdAt.millisecondsSince1970,
                    token.expiresAt?.millisecondsSince1970, token.revokedAt?.millisecondsSince1970,
                ])
        }
    }

    public func token(id: String) async throws -> TokenRecord? {
        try await pool.read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT \(Self.tokenColumns) FROM tokens WHERE id = ?"),
                             arguments: [id]).map(Self.tokenRecord)
        }
    }

    public func tokens() async throws -> [TokenRecord] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.tokenColumns) FROM tokens ORDER BY created_at, id").map(Self.tokenRecord)
        }
    }

    public func revokeToken(id: String, at date: Date) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                           arguments: [date.millisecondsSince1970, id])
            return db.changesCount == 1
        }
    }

    static let tokenColumns = "id, email, role, artifacts, salt, hash, created_at, expires_at, revoked_at"

    static func tokenRecord(_ row: Row) throws -> TokenRecord {
        let salt: Data = row[4]
        let hash: Data = row[5]
        return try RowIntegrity.token(id: row[0], email: row[1], role: row[2], artifacts: row[3], salt: Array(salt),
                                      hash: Array(hash), createdAt: row[6], expiresAt: row[7], revokedAt: row[8])
    }
}
