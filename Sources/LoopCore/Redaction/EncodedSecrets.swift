/// Secrets hidden in base64 (`eC1hY2Nlc3MtdG9rZW46Z2hw…` is `x-access-token:ghp_…`, as
/// in a git `extraheader`): a run that decodes to printable text is scanned again, and
/// when that text holds a secret the whole run goes.
extension Scanner {
    /// The secret type found in the text that `bytes[start..<end]` decodes to, if any.
    /// Most runs (hashes, identifiers) stop decoding within a few bytes: a decoded
    /// byte outside printable ASCII ends the attempt.
    func secretInBase64(_ start: Int, _ end: Int) -> String? {
        var stop = end
        while stop > start, bytes[stop - 1] == UInt8(ascii: "=") { stop -= 1 }
        guard end - stop <= 2, stop - start >= 24 else { return nil }
        let decodedCount = (stop - start) * 3 / 4
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: decodedCount) { out -> String? in
            var written = 0
            var accumulator: UInt32 = 0
            var bits = 0
            for k in start..<stop {
                guard let value = Self.base64Value(bytes[k]) else { return nil }
                accumulator = (accumulator << 6) | UInt32(value)
                bits += 6
                if bits >= 8 {
                    bits -= 8
                    let decoded = UInt8(truncatingIfNeeded: accumulator >> UInt32(bits))
                    guard decoded &- 32 < 95 || decoded == 9 || decoded == 10 || decoded == 13 else { return nil }
                    out[written] = decoded
                    written += 1
                }
            }
            guard written >= 16 else { return nil }
            var inner = Scanner(bytes: UnsafeBufferPointer(rebasing: out[0..<written]), identity: identity)
            inner.decodesBase64 = false
            inner.scan()
            return inner.findings.first { $0.type.hasPrefix("secret") }?.type
        }
    }

    /// Standard and URL-safe alphabets alike.
    @inline(__always) static func base64Value(_ c: UInt8) -> UInt8? {
        if c &- 65 < 26 { return c - 65 }
        if c &- 97 < 26 { return c - 71 }
        if ByteClass.isDigit(c) { return c + 4 }
        if c == UInt8(ascii: "+") || c == UInt8(ascii: "-") { return 62 }
        if c == UInt8(ascii: "/") || c == UInt8(ascii: "_") { return 63 }
        return nil
    }
}
