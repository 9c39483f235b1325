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
        callbacks.underlyingQueue = DispatchQueue(label: "loop.hub-client")
        callbacks.maxConcurrentOperationCount = 1
        return URLSession(configuration: configuration, delegate: nil, delegateQueue: callbacks)
    }()

    /// Sends the exact payload the user saw; the lesson id is the idempotency key.
    public func send(_ lesson: Lesson) async -> DeliveryOutcome {
        var request = URLRequest(url: baseURL.appendingPathComponent("v1/lessons"), timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        do {
            request.httpBody = try LessonActionsPayload.encode(lesson)
            let (data, response) = try await Self.session.data(for: request)
            let status = (response as? HTTPURLResponse)?.statusCode
            return DeliveryOutcome.classify(status: status, body: data, transportError: nil)
        } catch {
            return DeliveryOutcome.classify(status: nil, body: Data(), transportError: error.localizedDescription)
        }
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
