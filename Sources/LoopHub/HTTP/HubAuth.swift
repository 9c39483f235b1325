import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// Bearer-token authentication with a short cache of token rows, so a busy ingest
/// path does not read the tokens table on every request. The cache only saves the
/// lookup: the salted hash is checked on every request, and a revocation takes
/// effect within `cacheSeconds`.
public final class HubAuth: Sendable {
    public enum Permission: Sendable {
        case ingest, read, admin
    }

    let store: any LessonStore
    let cacheSeconds: Double
    let now: @Sendable () -> Date
    private let cache = Mutex([String: (record: TokenRecord?, fetched: Double)]())

    public init(store: any LessonStore, cacheSeconds: Double = 1, now: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.cacheSeconds = cacheSeconds
        self.now = now
    }

    /// The token of `request` if it may do `permission`; otherwise throws 401
    /// (missing, malformed, unknown, expired, revoked) or 403 (wrong role).
    public func require(_ permission: Permission, _ request: Request) async throws -> TokenRecord {
        guard let header = request.headers[.authorization] else { throw APIError.missingToken }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw APIError.missingToken }
        let token = String(parts[1]).trimmingCharacters(in: .whitespaces)
        guard let id = TokenSecret.id(of: token), let record = try await record(id: id),
              TokenSecret.matches(token, record) else { throw APIError.badToken }
        if record.revokedAt != nil { throw APIError.revokedToken }
        if !record.isActive(at: now()) { throw APIError.expiredToken }
        let allowed = switch permission {
        case .ingest: record.role.canIngest
        case .read: record.role.canRead
        case .admin: record.role == .admin
        }
        guard allowed else {
            throw APIError(.forbidden, "forbidden", "a \(record.role.rawValue) token may not do this")
        }
        return record
    }

    private func record(id: String) async throws -> TokenRecord? {
        let uptime = ProcessInfo.processInfo.systemUptime
        if let hit = cache.withLock({ $0[id] }), uptime - hit.fetched < cacheSeconds { return hit.record }
        let record: TokenRecord?
        record = try await StoreFailure.wrapping { try await store.token(id: id) }
        cache.withLock { cache in
            if cache.count > 10_000 { cache.removeAll() }  // bounded: unknown ids are cached too
            cache[id] = (record, uptime)
        }
        return record
    }
}
