import Foundation

/// Position after the last row of a page: rows are ordered by (receivedAt in
/// milliseconds, id), both immutable, so a cursor stays valid while rows arrive.
/// On the wire it is opaque: base64url of "millis:id".
public struct PageCursor: Sendable, Hashable {
    public var receivedAtMillis: Int64
    public var id: String

    public init(receivedAtMillis: Int64, id: String) {
        self.receivedAtMillis = receivedAtMillis
        self.id = id
    }

    public var token: String {
        Data("\(receivedAtMillis):\(id)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Parses a cursor from `token`; nil when it was not made by this hub.
    public init?(token: String) {
        guard token.count <= 200 else { return nil }
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8),
              let colon = text.firstIndex(of: ":"), let millis = Int64(text[..<colon]) else { return nil }
        let id = String(text[text.index(after: colon)...])
        guard !id.isEmpty, id.utf8.count <= 64 else { return nil }
        self.init(receivedAtMillis: millis, id: id)
    }
}

extension Date {
    /// Milliseconds since 1970, the precision the hub stores.
    public var millisecondsSince1970: Int64 { Int64((timeIntervalSince1970 * 1000).rounded(.down)) }
    public init(millisecondsSince1970 millis: Int64) { self.init(timeIntervalSince1970: Double(millis) / 1000) }
}
