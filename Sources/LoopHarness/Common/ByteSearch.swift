#if canImport(Glibc)
import Glibc
#endif

/// Exact substring search on UTF-8 bytes. Foundation's `range(of:)` and
/// `contains(_:)` bridge to NSString on Linux and compare with canonical
/// equivalence; the tools whose output the decoders rebuild match code units,
/// and the bridge was a large share of decoding time.
enum ByteSearch {
    /// Where `needle` first occurs in `haystack` at or after `start`: memchr to
    /// each candidate first byte, memcmp for the rest (glibc's memmem is not
    /// exported to Swift).
    static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard start + needle.count <= haystack.count else { return nil }
        guard !needle.isEmpty else { return start }
        return haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pin in
                let base = hay.baseAddress!
                let last = hay.count - pin.count  // the last index a match can start at
                var i = start
                while i <= last {
                    guard let found = memchr(base + i, Int32(pin[0]), last - i + 1) else { return nil }
                    let candidate = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + candidate, pin.baseAddress!, pin.count) == 0 { return candidate }
                    i = candidate + 1
                }
                return nil
            }
        }
    }

    /// Whether `needle` occurs in `text`.
    static func contains(_ text: String, _ needle: String) -> Bool {
        firstIndex(of: Array(needle.utf8), in: Array(text.utf8), from: 0) != nil
    }
}
