#if canImport(Glibc)
import Glibc
#endif

/// Exact substring search on UTF-8 bytes. Foundation's `range(of:)` and
/// `contains(_:)` bridge to NSString on Linux (the text converted to UTF-16)
/// and compare with canonical equivalence; the decoders rebuild what tools
/// did by code units, and the detector's phrases are matched word by word, so
/// neither needs more than bytes. The bridge was a large share of decoding
/// and of a backfill (docs/performance.md).
public enum ByteSearch {
    /// Where `needle` first occurs in `haystack` at or after `start`: memchr to
    /// each candidate first byte, memcmp for the rest (glibc's memmem is not
    /// exported to Swift).
    public static func firstIndex(of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start >= 0, start + needle.count <= haystack.count else { return nil }
        guard let pin = needle.baseAddress, !needle.isEmpty else { return start }
        let base = haystack.baseAddress!
        let last = haystack.count - needle.count  // the last index a match can start at
        var i = start
        while i <= last {
            guard let found = memchr(base + i, Int32(pin[0]), last - i + 1) else { return nil }
            let candidate = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + candidate, pin, needle.count) == 0 { return candidate }
            i = candidate + 1
        }
        return nil
    }

    /// Where `byte` first occurs in `bytes[start..<end]` (memchr: vectorized in
    /// glibc; a generic `firstIndex(of:)` was a visible share of reading time).
    public static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        guard start >= 0, start < end, end <= bytes.count, let base = bytes.baseAddress else { return nil }
        guard let found = memchr(base + start, Int32(byte), end - start) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    public static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { firstIndex(of: $0, in: hay, from: start) }
        }
    }

    /// Whether `needle` occurs in `text`.
    public static func contains(_ text: String, _ needle: String) -> Bool {
        withUTF8(text) { hay in withUTF8(needle) { firstIndex(of: $0, in: hay, from: 0) != nil } }
    }

    /// The string's UTF-8 bytes without a copy when it is stored as UTF-8
    /// (every native Swift string); a bridged one is made contiguous first.
    public static func withUTF8<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var text = text
        return text.withUTF8(body)
    }
}
