#if canImport(Glibc)
import Glibc
#endif
import LoopCore

/// The byte-level work behind `JSONTape` and the views: skipping scalars,
/// decoding strings, checking UTF-8. Every function takes the
/// line's bytes and returns nil for malformed input instead of trapping, so
/// any byte sequence is safe to hand it (the decoder fuzz targets run it).
enum JSONScanner {
    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")

    /// The index just past the string, number or literal starting at `i`, or nil.
    static func skipScalar(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ limit: Int) -> Int? {
        switch p[i] {
        case quote:
            return skipString(p, i, limit)
        case UInt8(ascii: "t"):
            return literal("true", p, i, limit)
        case UInt8(ascii: "f"):
            return literal("false", p, i, limit)
        case UInt8(ascii: "n"):
            return literal("null", p, i, limit)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return skipNumber(p, i, limit)
        default:
            return nil
        }
    }

    /// The index just past the closing quote of the string starting at `i`.
    /// Jumps from quote to quote with memchr; a quote preceded by an odd run
    /// of backslashes is escaped and the search goes on.
    static func skipString(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ limit: Int) -> Int? {
        guard let base = p.baseAddress else { return nil }
        var from = i + 1
        while from < limit {
            guard let found = memchr(base + from, Int32(quote), limit - from) else { return nil }
            let q = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
            var slashes = 0
            while q - slashes - 1 > i, p[q - slashes - 1] == backslash { slashes += 1 }
            if slashes % 2 == 0 { return q + 1 }
            from = q + 1
        }
        return nil
    }

    private static func literal(_ word: StaticString, _ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ limit: Int) -> Int? {
        let count = word.utf8CodeUnitCount
        guard i + count <= limit, memcmp(p.baseAddress! + i, word.utf8Start, count) == 0 else { return nil }
        return i + count
    }

    /// -?digits(.digits)?([eE][+-]?digits)?
    private static func skipNumber(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ limit: Int) -> Int? {
        var i = start
        func digits() -> Bool {
            let from = i
            while i < limit, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(p[i]) { i += 1 }
            return i > from
        }
        if p[i] == UInt8(ascii: "-") { i += 1 }
        guard digits() else { return nil }
        if i < limit, p[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() else { return nil }
        }
        if i < limit, p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E") {
            i += 1
            if i < limit, p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() else { return nil }
        }
        return i
    }

    static func skipWhitespace(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ limit: Int) -> Int {
        var i = start
        while i < limit, p[i] == 0x20 || p[i] == 0x0A || p[i] == 0x0D || p[i] == 0x09 { i += 1 }
        return i
    }

    static func contains(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ byte: UInt8) -> Bool {
        guard !range.isEmpty, let base = p.baseAddress else { return false }
        return memchr(base + range.lowerBound, Int32(byte), range.count) != nil
    }

    // MARK: - Strings

    /// The text of a string's contents (without quotes); nil for a bad escape.
    static func decodeString(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String? {
        guard contains(p, range, backslash) else {
            return String(decoding: UnsafeBufferPointer(rebasing: p[range]), as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var i = range.lowerBound
        while i < range.upperBound {
            guard p[i] == backslash else {
                out.append(p[i])
                i += 1
                continue
            }
            guard let next = JSONEscape.decode(p, at: i, limit: range.upperBound, into: &out, loneSurrogate: .replace) else {
                return nil
            }
            i = next
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: - UTF-8

    /// Whether the bytes are valid UTF-8: eight bytes at a time while they are
    /// ASCII (most of a transcript), the standard library's validator after.
    static func isValidUTF8(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = p.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= p.count, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
        while i < p.count, p[i] < 0x80 { i += 1 }
        if i == p.count { return true }
        return String(validating: UnsafeBufferPointer(rebasing: p[i...]), as: UTF8.self) != nil
    }
}
