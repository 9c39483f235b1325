import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The hub client's redirect policy: follow a redirect only to the origin
/// (scheme, host, port) the request went to. URLSession would otherwise
/// re-send the request, `Authorization: Bearer …` included, wherever a 307 or
/// 308 points: the token would leak to another host or port. A refused
/// redirect completes the task with the 3xx answer itself, which
/// `HubClient` turns into a failure naming the target's origin.
final class SameOriginRedirects: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        let from = Origin(task.originalRequest?.url ?? response.url)
        completionHandler(from != nil && from == Origin(request.url) ? request : nil)
    }
}

/// Scheme, host and port of a URL (the port made explicit), as browsers compare them.
struct Origin: Equatable, CustomStringConvertible {
    var scheme: String
    var host: String
    var port: Int

    init?(_ url: URL?) {
        guard let url, let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased() else { return nil }
        guard let port = url.port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : nil) else { return nil }
        self.scheme = scheme
        self.host = host
        self.port = port
    }

    var description: String { "\(scheme)://\(host):\(port)" }
}
