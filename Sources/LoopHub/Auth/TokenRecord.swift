import Foundation

/// A token as stored: never the token itself, only a random salt and
/// SHA-256(salt ‖ token). `id` is the token's public prefix, used to find the row.
public struct TokenRecord: Sendable, Hashable {
    public var id: String
    public var email: String
    public var role: Role
    /// Artifact-name globs an author may read (ignored for other roles).
    public var artifacts: [String]
    public var salt: [UInt8]
    public var hash: [UInt8]
    public var createdAt: Date
    public var expiresAt: Date?
    public var revokedAt: Date?

    public init(id: String, email: String, role: Role, artifacts: [String], salt: [UInt8], hash: [UInt8],
                createdAt: Date, expiresAt: Date?, revokedAt: Date? = nil) {
        self.id = id
        self.email = email
        self.role = role
        self.artifacts = artifacts
        self.salt = salt
        self.hash = hash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }

    /// Usable at `now`: neither revoked nor expired.
    public func isActive(at now: Date) -> Bool {
        revokedAt == nil && (expiresAt.map { now < $0 } ?? true)
    }

    public var scope: [ArtifactGlob]? {
        role == .admin ? nil : artifacts.map(ArtifactGlob.init)
    }
}
