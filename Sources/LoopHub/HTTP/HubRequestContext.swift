public import Hummingbird

/// Per-request context: Hummingbird's core storage plus the 64 KiB body limit.
/// The authenticated token is not stored here; handlers ask `HubAuth` for it so
/// each route states the permission it needs next to its code.
public struct HubRequestContext: RequestContext {
    /// Largest request body accepted; larger ones get 413.
    public static let maxBody = 64 * 1024

    public var coreContext: CoreRequestContextStorage

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    public var maxUploadSize: Int { Self.maxBody }
}
