import Foundation
public import Hummingbird
// The server's connection cap (MaximumAvailableConnections) is not re-exported by Hummingbird.
import HummingbirdCore
public import Logging
public import LoopCore

/// loophub's HTTP application: one store, the ingest path, token auth, rate
/// limits and metrics, wired into a Hummingbird router. The executable only
/// parses arguments, opens the store and runs `application(…)`.
public struct Hub: Sendable {
    public let store: any LessonStore
    public let ingestor: Ingestor
    public let auth: HubAuth
    public let metrics: HubMetrics
    public let rateLimiter: RateLimiter
    public let limits: ServerLimits

    /// - Parameter rateLimit: ingest requests per second per token (bursts of twice that); 0 disables.
    public init(store: any LessonStore, leakCheck: any LeakCheck = Redactor(), rateLimit: Double = 50,
                tokenCacheSeconds: Double = 1, limits: ServerLimits = ServerLimits()) {
        let metrics = HubMetrics()
        self.limits = limits
        self.store = store
        self.metrics = metrics
        self.ingestor = Ingestor(store: store, leakCheck: leakCheck, metrics: metrics)
        self.auth = HubAuth(store: store, cacheSeconds: tokenCacheSeconds)
        self.rateLimiter = RateLimiter(rate: rateLimit)
    }

    /// A route as registered, in OpenAPI path syntax (`/v1/lessons/{id}`).
    public struct RouteDescription: Hashable, Sendable, Comparable {
        public var method: String
        public var path: String
        public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.path, lhs.method) < (rhs.path, rhs.method) }
    }

    /// Builds the router and returns it with the list of what was registered, so
    /// a test can hold the OpenAPI document against the real routes.
    public func router() -> (router: Router<HubRequestContext>, routes: [RouteDescription]) {
        let router = Router(context: HubRequestContext.self)
        router.add(middleware: HubMiddleware(metrics: metrics))
        var routes = RouteRegistrar(router: router)
        addIngestRoutes(&routes)
        addReadRoutes(&routes)
        addLoopbackRoutes(&routes)
        addOperationsRoutes(&routes)
        return (router, routes.registered)
    }

    /// The HTTP application on `host:port` (port 0 picks a free one; `onServerRunning` learns it).
    public func application(host: String, port: Int, logger: Logger,
                            onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        let idle = limits.idleTimeout.components
        let idleNanoseconds = idle.seconds * 1_000_000_000 + idle.attoseconds / 1_000_000_000
        return Application(
            router: router().router,
            // Heads are small (a bearer token and a few headers); NIO's default allows 80 KiB.
            server: .http1(configuration: .init(
                idleTimeout: .nanoseconds(idleNanoseconds),
                httpDecoderConfiguration: .init(maxHeaderFieldSize: 16 * 1024, maxHeaderListSize: 32 * 1024,
                                                maxHeaderFieldCount: 100))),
            configuration: .init(address: .hostname(host, port: port), serverName: "loophub", backlog: limits.backlog,
                                 availableConnectionsDelegate: MaximumAvailableConnections(limits.maxConnections, logger: logger)),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger
        )
    }

    /// Refuses with 429 when `token` is over its rate.
    func checkRate(_ token: TokenRecord) throws {
        if let wait = rateLimiter.acquire(token.id) {
            throw APIError(.tooManyRequests, "rate_limited",
                           "more than \(Int(rateLimiter.rate)) requests per second for this token; retry later",
                           retryAfter: max(1, Int(wait.rounded(.up))))
        }
    }
}

/// Registers handlers and remembers each (method, path).
struct RouteRegistrar {
    let router: Router<HubRequestContext>
    var registered: [Hub.RouteDescription] = []

    mutating func add(_ method: HTTPRequest.Method, _ path: String,
                      _ handler: @escaping @Sendable (Request, HubRequestContext) async throws -> Response) {
        registered.append(.init(method: method.rawValue, path: path))
        let hummingbirdPath = path.replacingOccurrences(of: "{", with: ":").replacingOccurrences(of: "}", with: "")
        router.on(RouterPath(hummingbirdPath), method: method, use: handler)
    }
}
