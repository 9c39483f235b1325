/// Decoding one backslash escape of a JSON string (RFC 8259 §7), shared by
/// the transcript reader (LoopHarness `JSONScanner`) and the hub's body
/// parser (`JSONValueParser`).
public enum JSONEscape {
    /// What to do with a `\uD800`-style surrogate that has no partner.
    public enum LoneSurrogate: Sendable {
        /// U+FFFD, as `String(decoding:)` does with bad UTF-8 (reading transcripts).
        case replace
        /// An error (validating request bodies).
        case reject
    }

    /// Decodes the escape whose backslash is at `start` and appends its UTF-8
    /// to `out`. Returns the index after the escape, or nil when it is not a
    /// valid escape (before `limit`).
    public static func decode(
        _ p: UnsafeBufferPointer<UInt8>, at start: Int, limit: Int, into out: inout [UInt8], loneSurrogate: LoneSurrogate
    ) -> Int? {
        guard start + 1 < limit, p[start] == UInt8(ascii: "\\") else { return nil }
        switch p[start + 1] {
        case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "/"): out.append(UInt8(ascii: "/"))
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            guard let unit = hex4(p, at: start + 2, limit: limit) else { return nil }
            if (0xD800...0xDBFF).contains(unit), start + 12 <= limit, p[start + 6] == UInt8(ascii: "\\"),
               p[start + 7] == UInt8(ascii: "u"), let low = hex4(p, at: start + 8, limit: limit), (0xDC00...0xDFFF).contains(low),
               let scalar = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)) {
                UTF8.encode(scalar) { out.append($0) }
                return start + 12
            }
            if let scalar = Unicode.Scalar(unit) {
                UTF8.encode(scalar) { out.append($0) }
            } else {
                guard loneSurrogate == .replace else { return nil }
                UTF8.encode("\u{FFFD}") { out.append($0) }
            }
            return start + 6
        default:
            return nil
        }
        return start + 2
    }

    /// Four hex digits at `start`, or nil.
    public static func hex4(_ p: UnsafeBufferPointer<UInt8>, at start: Int, limit: Int) -> UInt32? {
        guard start + 4 <= limit else { return nil }
        var value: UInt32 = 0
        for k in start..<(start + 4) {
            let b = p[k]
            let digit: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
            default: return nil
            }
            value = value << 4 | digit
        }
        return value
    }
}
