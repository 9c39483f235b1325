import Foundation
import LoopHub
import PostgresNIO

extension PostgresLessonStore {
    public func insertToken(_ token: TokenRecord) async throws {
        try await client.query("""
            INSERT INTO tokens (id, email, role, artifacts, salt, hash, created_at, expires_at, revoked_at)
            VALUES (\(token.id), \(token.email), \(token.role.rawValue), \(CanonicalJSON.string(token.artifacts)),
              \(Self.hex(token.salt)), \(Self.hex(token.hash)), \(token.createdAt.millisecondsSince1970),
              \(token.expiresAt?.millisecondsSince1970), \(token.revokedAt?.millisecondsSince1970))
            """, logger: logger)
    }

    public func token(id: String) async throws -> TokenRecord? {
        try await fetchTokens(PostgresQuery(unsafeSQL: "SELECT \(Self.tokenColumns) FROM tokens WHERE id = $1",
                                            binds: { var b = PostgresBindings(); b.append(id); return b }())).first
    }

    public func tokens() async throws -> [TokenRecord] {
        try await fetchTokens(PostgresQuery(unsafeSQL: "SELECT \(Self.tokenColumns) FROM tokens ORDER BY created_at, id"))
    }

    public func revokeToken(id: String, at date: Date) async throws -> Bool {
        let rows = try await client.query(
            "UPDATE tokens SET revoked_at = \(date.millisecondsSince1970) WHERE id = \(id) AND revoked_at IS NULL RETURNING id",
            logger: logger)
        return try await Self.firstText(rows) != nil
    }

    static let tokenColumns = "id, email, role, artifacts, salt, hash, created_at, expires_at, revoked_at"

    private func fetchTokens(_ query: PostgresQuery) async throws -> [TokenRecord] {
        var records: [TokenRecord] = []
        let rows = try await client.query(query, logger: logger)
        for try await (id, email, role, artifacts, salt, hash, created, expires, revoked)
            in rows.decode((String, String, String, String, String, String, Int64, Int64?, Int64?).self) {
            records.append(try RowIntegrity.token(id: id, email: email, role: role, artifacts: artifacts,
                                                  salt: Self.bytes(hex: salt), hash: Self.bytes(hex: hash), createdAt: created,
                                                  expiresAt: expires, revokedAt: revoked))
        }
        return records
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    static func bytes(hex: String) -> [UInt8] {
        var result: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex, let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex) {
            result.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return result
    }
}
