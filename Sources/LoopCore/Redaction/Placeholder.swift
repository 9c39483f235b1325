/// Placeholders look like `<secret:aws>`, `<email:1>`, `<path>`. They are recognised
/// on input so that redacting twice changes nothing, and never cut by the length cap.
enum Placeholder {
    /// Parses a placeholder at `i`: its end, type and number (if numbered).
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (end: Int, type: String, number: Int?)? {
        var j = i + 1
        var lastColon = -1
        while j < bytes.count, j - i < 48 {
            let c = bytes[j]
            if c == UInt8(ascii: ">") { break }
            if c == UInt8(ascii: ":") { lastColon = j }
            guard c &- 97 < 26 || ByteClass.isDigit(c) || c == UInt8(ascii: ":") || c == UInt8(ascii: "-") else { return nil }
            j += 1
        }
        guard j < bytes.count, bytes[j] == UInt8(ascii: ">"), j > i + 1, bytes[i + 1] &- 97 < 26 else { return nil }
        let typeEnd = lastColon > 0 ? lastColon : j
        let type = String(decoding: UnsafeBufferPointer(rebasing: bytes[(i + 1)..<typeEnd]), as: UTF8.self)
        guard known(type) else { return nil }
        var number: Int?
        if lastColon > 0 {
            let digits = String(decoding: UnsafeBufferPointer(rebasing: bytes[(lastColon + 1)..<j]), as: UTF8.self)
            number = Int(digits)
            if number == nil {
                // `<secret:aws>`: the part after the colon is a subtype, not a number.
                let whole = String(decoding: UnsafeBufferPointer(rebasing: bytes[(i + 1)..<j]), as: UTF8.self)
                return (j + 1, whole, nil)
            }
        }
        return (j + 1, type, number)
    }

    static func known(_ type: String) -> Bool {
        type.hasPrefix("secret") || ["email", "ip", "phone", "card", "host", "name", "user", "path"].contains(type)
    }

    static func text(type: String, number: Int?) -> String {
        number.map { "<\(type):\($0)>" } ?? "<\(type)>"
    }
}
