import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import LoopCore

/// Posts lessons to loophub (`POST /v1/lessons`, bearer token). URLSession is
/// enough for one JSON POST and costs no extra build time (swift-notes.md).
public struct HubClient: Sendable {
    public var baseURL: URL
    public var token: String
    public var timeout: TimeInterval

    public init(baseURL: URL, token: String, timeout: TimeInterval = 15) {
        self.baseURL = baseURL
        self.token = token
        self.timeout = timeout
    }

    /// One session for all sends, set up so a send leaves no timer behind in
    /// loopd. On Linux, URLSession.shared (1) looks up its URLCache on a global
    /// concurrent queue and (2) calls back on an OperationQueue over one too;
    /// the first job on such a queue starts libdispatch's 1 s pool monitor for
    /// the rest of the process. A POST is never cached, so the cache goes, and
    /// callbacks run on a serial queue, whose workers are not monitored.
    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        let callbacks = OperationQueue()
        // `underlyingQueue` is unowned: the queue must be kept alive elsewhere.
        callbacks.underlyingQueue = callbackQueue
        callbacks.maxConcurrentOperationCount = 1
        return URLSession(configuration: configuration, delegate: SameOriginRedirects(), delegateQueue: callbacks)
    }()

    private static let callbackQueue = DispatchQueue(label: "loop.hub-client")

    /// Sends the exact payload the user saw; the lesson id is the idempotency key.
    public func send(_ lesson: Lesson) async -> DeliveryOutcome {
        var request = URLRequest(url: baseURL.appendingPathComponent("v1/lessons"), timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        do {
            request.httpBody = try LessonActionsPayload.encode(lesson)
            let (data, response) = try await Self.session.data(for: request)
            let http = response as? HTTPURLResponse
            if let http, (300..<400).contains(http.statusCode) { return refusedRedirect(http) }
            return DeliveryOutcome.classify(status: http?.statusCode, body: data, transportError: nil)
        } catch {
            return DeliveryOutcome.classify(status: nil, body: Data(), transportError: error.localizedDescription)
        }
    }
}

extension HubClient {
    /// A redirect `SameOriginRedirects` did not follow: a failure (not retried:
    /// the configuration is wrong) that names where the hub wanted the token to go.
    func refusedRedirect(_ response: HTTPURLResponse) -> DeliveryOutcome {
        let target = response.value(forHTTPHeaderField: "Location").flatMap { URL(string: $0, relativeTo: response.url) }
        let origin = Origin(target?.absoluteURL).map(\.description) ?? "an unknown place"
        let hub = Origin(baseURL).map(\.description) ?? baseURL.absoluteString
        return .rejected(reason: "the hub at \(hub) redirected (HTTP \(response.statusCode)) to \(origin), another origin: "
            + "loop never sends the token to another origin. If the hub moved, run `loopctl login --hub URL` with its new URL")
    }
}

/// The wire body: compact JSON of the lesson (what `review` shows, pretty-printed).
enum LessonActionsPayload {
    static func encode(_ lesson: Lesson) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(lesson)
    }
}
