import Foundation
import Synchronization

/// A token bucket per bearer token, in memory: `rate` requests per second with
/// bursts up to `burst`. Per process, which is what a single hub needs; a rate of
/// zero disables limiting (benchmarks).
public final class RateLimiter: Sendable {
    public let rate: Double
    public let burst: Double
    private let buckets = Mutex([String: (tokens: Double, at: Double)]())

    public init(rate: Double, burst: Double? = nil) {
        self.rate = rate
        self.burst = burst ?? max(1, rate * 2)
    }

    /// Takes one request from `key`'s bucket. Returns nil when allowed, else the
    /// seconds to wait (for Retry-After).
    public func acquire(_ key: String, now: Double = ProcessInfo.processInfo.systemUptime) -> Double? {
        guard rate > 0 else { return nil }
        return buckets.withLock { buckets in
            var bucket = buckets[key] ?? (tokens: burst, at: now)
            bucket.tokens = min(burst, bucket.tokens + (now - bucket.at) * rate)
            bucket.at = now
            defer { buckets[key] = bucket }
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                return nil
            }
            return (1 - bucket.tokens) / rate
        }
    }
}
