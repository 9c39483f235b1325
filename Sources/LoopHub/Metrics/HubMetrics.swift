import Foundation
import Synchronization

/// In-process counters and a latency histogram, rendered in the Prometheus text
/// format by `/metrics`. One lock, held for a few additions per request.
public final class HubMetrics: Sendable {
    /// Upper bounds (seconds) of the latency histogram buckets.
    public static let buckets: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

    struct RequestKey: Hashable, Comparable {
        var route: String
        var method: String
        var status: Int
        static func < (lhs: Self, rhs: Self) -> Bool {
            (lhs.route, lhs.method, lhs.status) < (rhs.route, rhs.method, rhs.status)
        }
    }

    struct Histogram {
        var counts = [Int](repeating: 0, count: HubMetrics.buckets.count)
        var sum = 0.0
        var total = 0
    }

    struct State {
        var requests: [RequestKey: Int] = [:]
        var latency: [String: Histogram] = [:]
        var stored = 0
        var quarantined = 0
    }

    private let state = Mutex(State())

    public init() {}

    public func recordRequest(route: String, method: String, status: Int, seconds: Double) {
        state.withLock { state in
            state.requests[RequestKey(route: route, method: method, status: status), default: 0] += 1
            var histogram = state.latency[route] ?? Histogram()
            if let bucket = Self.buckets.firstIndex(where: { seconds <= $0 }) { histogram.counts[bucket] += 1 }
            histogram.sum += seconds
            histogram.total += 1
            state.latency[route] = histogram
        }
    }

    public func recordStored() { state.withLock { $0.stored += 1 } }
    public func recordQuarantined() { state.withLock { $0.quarantined += 1 } }

    /// The exposition text; `totals` are the row counts of the store.
    public func render(totals: (lessons: Int, quarantined: Int)?) -> String {
        let snapshot = state.withLock { $0 }
        var lines: [String] = []
        lines.append("# HELP loophub_http_requests_total HTTP requests by route, method and status.")
        lines.append("# TYPE loophub_http_requests_total counter")
        for (key, count) in snapshot.requests.sorted(by: { $0.key < $1.key }) {
            lines.append("loophub_http_requests_total{route=\"\(escape(key.route))\",method=\"\(key.method)\",status=\"\(key.status)\"} \(count)")
        }
        lines.append("# HELP loophub_http_request_duration_seconds Time to answer a request.")
        lines.append("# TYPE loophub_http_request_duration_seconds histogram")
        for (route, histogram) in snapshot.latency.sorted(by: { $0.key < $1.key }) {
            var cumulative = 0
            for (index, bound) in Self.buckets.enumerated() {
                cumulative += histogram.counts[index]
                lines.append("loophub_http_request_duration_seconds_bucket{route=\"\(escape(route))\",le=\"\(bound)\"} \(cumulative)")
            }
            lines.append("loophub_http_request_duration_seconds_bucket{route=\"\(escape(route))\",le=\"+Inf\"} \(histogram.total)")
            lines.append("loophub_http_request_duration_seconds_sum{route=\"\(escape(route))\"} \(histogram.sum)")
            lines.append("loophub_http_request_duration_seconds_count{route=\"\(escape(route))\"} \(histogram.total)")
        }
        lines.append("# HELP loophub_ingested_total Lessons stored by this process since it started.")
        lines.append("# TYPE loophub_ingested_total counter")
        lines.append("loophub_ingested_total \(snapshot.stored)")
        lines.append("# HELP loophub_quarantined_total Submissions quarantined by this process since it started.")
        lines.append("# TYPE loophub_quarantined_total counter")
        lines.append("loophub_quarantined_total \(snapshot.quarantined)")
        if let totals {
            lines.append("# HELP loophub_lessons_stored Lessons in the store.")
            lines.append("# TYPE loophub_lessons_stored gauge")
            lines.append("loophub_lessons_stored \(totals.lessons)")
            lines.append("# HELP loophub_lessons_quarantined Submissions in quarantine.")
            lines.append("# TYPE loophub_lessons_quarantined gauge")
            lines.append("loophub_lessons_quarantined \(totals.quarantined)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func escape(_ label: String) -> String {
        label.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
