import Crypto
import Foundation

/// Makes and checks bearer tokens: `lh_` + base64url(32 random bytes). The first
/// `idLength` characters after the prefix are the public id stored in clear for
/// lookup; the whole token is only ever stored as a salted SHA-256.
public enum TokenSecret {
    public static let prefix = "lh_"
    public static let idLength = 10

    /// A new token and the record that stores it.
    public static func issue(email: String, role: Role, artifacts: [String], expiresAt: Date?,
                             now: Date = Date()) -> (token: String, record: TokenRecord) {
        let token = prefix + base64url(randomBytes(32))
        let salt = randomBytes(16)
        let record = TokenRecord(id: id(of: token)!, email: email, role: role, artifacts: artifacts, salt: salt,
                                 hash: digest(salt: salt, token: token), createdAt: now, expiresAt: expiresAt)
        return (token, record)
    }

    /// The public id of a well-formed token, nil for anything else.
    public static func id(of token: String) -> String? {
        guard token.hasPrefix(prefix), token.utf8.count == prefix.utf8.count + 43 else { return nil }
        return String(token.dropFirst(prefix.count).prefix(idLength))
    }

    /// True when `token` hashes to the record's digest; constant time in the digest bytes.
    public static func matches(_ token: String, _ record: TokenRecord) -> Bool {
        let candidate = digest(salt: record.salt, token: token)
        guard candidate.count == record.hash.count else { return false }
        var difference: UInt8 = 0
        for (left, right) in zip(candidate, record.hash) { difference |= left ^ right }
        return difference == 0
    }

    static func digest(salt: [UInt8], token: String) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: salt)
        hasher.update(data: Data(token.utf8))
        return Array(hasher.finalize())
    }

    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    static func base64url(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
