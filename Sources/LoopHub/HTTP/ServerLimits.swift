#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How long and how many connections loophub holds: without these, a client that
/// opens connections and sends nothing keeps a file descriptor each until the
/// process runs out, and then `/healthz` cannot be accepted either.
public struct ServerLimits: Sendable, Hashable {
    /// A connection with no request in progress is closed after this long. It also
    /// bounds the request head: a head must be complete within this long of the
    /// connection opening or of the previous response (a partial head is not activity).
    public var idleTimeout: Duration
    /// The whole body must arrive within this long of the request head (a slow drip
    /// of bytes each inside the idle timeout would otherwise hold the connection).
    public var requestReadTimeout: Duration
    /// Connections served at once; further ones wait in the listen backlog until one closes.
    public var maxConnections: Int
    /// Connections the kernel queues before loophub accepts them.
    public var backlog: Int

    public init(idleTimeout: Duration = .seconds(30), requestReadTimeout: Duration = .seconds(30),
                maxConnections: Int = 2_048, backlog: Int = 1_024) {
        self.idleTimeout = idleTimeout
        self.requestReadTimeout = requestReadTimeout
        self.maxConnections = maxConnections
        self.backlog = backlog
    }

    /// Descriptors kept back from the connection cap for the store (SQLite pool and its
    /// WAL files, or the PostgreSQL pool), the listening socket, stdio and logs.
    public static let reservedDescriptors = 128

    /// `maxConnections` lowered to what the descriptor limit can hold, after raising
    /// the soft limit to the hard one (systemd's `LimitNOFILE` sets both).
    public func fittingDescriptorLimit() -> (limits: ServerLimits, descriptorLimit: Int) {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return (self, -1) }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { limit = raised }
        }
        let descriptors = limit.rlim_cur > rlim_t(Int32.max) ? Int(Int32.max) : Int(limit.rlim_cur)
        var fitted = self
        fitted.maxConnections = max(1, min(maxConnections, descriptors - Self.reservedDescriptors))
        return (fitted, descriptors)
    }
}
