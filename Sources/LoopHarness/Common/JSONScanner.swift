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

    /// Whether the string contents at `range` are `text` (whose UTF-8 is
    /// `utf8`): the bytes are compared as they stand, and decoded first only
    /// when they hold an escape. Callers pass both forms so a loop over many
    /// strings takes the text's bytes once.
    static func stringContents(
        _ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, equal text: String, utf8: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        if contains(p, range, backslash) { return decodeString(p, range) == text }
        return range.count == utf8.count
            && (utf8.isEmpty || memcmp(p.baseAddress! + range.lowerBound, utf8.baseAddress!, utf8.count) == 0)
    }

    /// The text of a string's contents (without quotes); nil for a bad escape.
    /// The text between escapes is copied a run at a time (memchr finds the
    /// next backslash): a file's content in a tool result is mostly such runs.
    static func decodeString(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String? {
        guard let base = p.baseAddress, contains(p, range, backslash) else {
            return String(decoding: UnsafeBufferPointer(rebasing: p[range]), as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var i = range.lowerBound
        while i < range.upperBound {
            let run = memchr(base + i, Int32(backslash), range.upperBound - i)
            let escape = run.map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base } ?? range.upperBound
            out.append(contentsOf: UnsafeBufferPointer(start: base + i, count: escape - i))
            guard escape < range.upperBound else { break }
            guard let next = JSONEscape.decode(p, at: escape, limit: range.upperBound, into: &out, loneSurrogate: .replace) else {
                return nil
            }
            i = next
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: - UTF-8

    /// Whether the bytes are well-formed UTF-8 (Unicode 15, table 3-7: no
    /// overlong forms, no surrogates, nothing above U+10FFFF). ASCII is
    /// skipped eight bytes at a time, and after each multi-byte sequence the
    /// fast path resumes: a transcript is ASCII with a dash or an accent here
    /// and there, and handing the rest of a line to the standard library's
    /// validator at the first one cost 5 % of ingest (docs/performance.md).
    static func isValidUTF8(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = p.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        let count = p.count
        var i = 0
        // The byte at offset k from i is a continuation byte (10xxxxxx) within the buffer.
        func continuation(_ k: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            i + k < count && range.contains(p[i + k])
        }
        while i < count {
            while i + 8 <= count, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
            guard i < count else { return true }
            switch p[i] {
            case 0x00...0x7F:
                i += 1
            case 0xC2...0xDF:
                guard continuation(1) else { return false }
                i += 2
            case 0xE0:
                guard continuation(1, 0xA0...0xBF), continuation(2) else { return false }
                i += 3
            case 0xE1...0xEC, 0xEE...0xEF:
                guard continuation(1), continuation(2) else { return false }
                i += 3
            case 0xED:
                guard continuation(1, 0x80...0x9F), continuation(2) else { return false }
                i += 3
            case 0xF0:
                guard continuation(1, 0x90...0xBF), continuation(2), continuation(3) else { return false }
                i += 4
            case 0xF1...0xF3:
                guard continuation(1), continuation(2), continuation(3) else { return false }
                i += 4
            case 0xF4:
                guard continuation(1, 0x80...0x8F), continuation(2), continuation(3) else { return false }
                i += 4
            default:
                return false  // 80...C1 (a lone continuation, an overlong lead) and F5...FF
            }
        }
        return true
    }
}
