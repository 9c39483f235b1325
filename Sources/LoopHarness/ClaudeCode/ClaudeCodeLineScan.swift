/// A strict, allocation-free JSON check of one transcript line that also picks
/// out the top-level `"type"` and `"sessionId"` string values. It lets the
/// decoder skip lines that carry no events (progress, snapshots, …) without
/// building Foundation objects for them.
///
/// It is deliberately stricter than JSONSerialization: whatever it is unsure
/// of (escapes in the two fields or in any top-level key, exponents, very long
/// integers, surrogate escapes, nesting deeper than 62, duplicate fields,
/// anything that is not an object) makes it return nil, and the caller then
/// takes the full path. So a line it accepts is one JSONSerialization accepts
/// too, with the same two values.
struct ClaudeCodeLineScan {
    /// Byte ranges of the values (without quotes) in the scanned buffer.
    var type: Range<Int>?
    var sessionID: Range<Int>?

    private enum Expect { case value, valueOrClose, key, keyOrClose, colon, commaOrClose, end }
    private enum Field { case none, type, sessionID }

    /// - Parameter giveUpAtType: called with the `type` value as soon as it is
    ///   found; returning true ends the scan with nil (the caller takes the
    ///   full path anyway, so the rest of a long line need not be checked).
    static func scan(
        _ p: UnsafeBufferPointer<UInt8>, giveUpAtType: (UnsafeBufferPointer<UInt8>) -> Bool = { _ in false }
    ) -> ClaudeCodeLineScan? {
        var result = ClaudeCodeLineScan()
        let n = p.count
        var i = 0
        var depth = 0
        var objects: UInt64 = 0  // bit d set: the container at depth d is an object
        var expect = Expect.value
        var field = Field.none
        while true {
            while i < n, p[i] == 0x20 || p[i] == 0x09 || p[i] == 0x0D || p[i] == 0x0A { i += 1 }
            if i == n { return expect == .end ? result : nil }
            let c = p[i]
            switch expect {
            case .end:
                return nil
            case .colon:
                guard c == UInt8(ascii: ":") else { return nil }
                expect = .value
                i += 1
            case .key, .keyOrClose:
                if c == UInt8(ascii: "}"), expect == .keyOrClose {
                    i += 1
                    depth -= 1
                    expect = depth == 0 ? .end : .commaOrClose
                    continue
                }
                guard c == UInt8(ascii: "\""), let (end, escaped) = scanString(p, from: i) else { return nil }
                if depth == 1 {
                    if escaped { return nil }
                    let key = UnsafeBufferPointer(rebasing: p[(i + 1)..<end])
                    if key.elementsEqual("type".utf8) {
                        if result.type != nil { return nil }
                        field = .type
                    } else if key.elementsEqual("sessionId".utf8) {
                        if result.sessionID != nil { return nil }
                        field = .sessionID
                    } else {
                        field = .none
                    }
                }
                i = end + 1
                expect = .colon
            case .commaOrClose:
                let inObject = objects & (1 << depth) != 0
                if c == UInt8(ascii: ",") {
                    expect = inObject ? .key : .value
                    i += 1
                } else if c == (inObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    i += 1
                    depth -= 1
                    expect = depth == 0 ? .end : .commaOrClose
                } else {
                    return nil
                }
            case .value, .valueOrClose:
                let topLevelField = depth == 1 ? field : .none
                field = .none
                switch c {
                case UInt8(ascii: "]") where expect == .valueOrClose:
                    i += 1
                    depth -= 1
                    expect = depth == 0 ? .end : .commaOrClose
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    if depth == 0, c != UInt8(ascii: "{") { return nil }  // a line is an object
                    // A container where "type" or "sessionId" has a string value: full path.
                    if topLevelField != .none { return nil }
                    depth += 1
                    if depth > 62 { return nil }
                    if c == UInt8(ascii: "{") { objects |= 1 << depth } else { objects &= ~(1 << depth) }
                    expect = c == UInt8(ascii: "{") ? .keyOrClose : .valueOrClose
                    i += 1
                    continue
                case UInt8(ascii: "\""):
                    guard depth > 0, let (end, escaped) = scanString(p, from: i) else { return nil }
                    switch topLevelField {
                    case .none: break
                    case .type:
                        if escaped { return nil }
                        result.type = (i + 1)..<end
                        if giveUpAtType(UnsafeBufferPointer(rebasing: p[(i + 1)..<end])) { return nil }
                    case .sessionID:
                        if escaped { return nil }
                        result.sessionID = (i + 1)..<end
                    }
                    i = end + 1
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    guard depth > 0, topLevelField == .none, let end = scanNumber(p, from: i) else { return nil }
                    i = end
                case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                    let literal = c == UInt8(ascii: "t") ? "true" : c == UInt8(ascii: "f") ? "false" : "null"
                    let count = literal.utf8.count
                    guard depth > 0, topLevelField == .none, i + count <= n,
                          UnsafeBufferPointer(rebasing: p[i..<(i + count)]).elementsEqual(literal.utf8) else { return nil }
                    i += count
                default:
                    return nil
                }
                expect = .commaOrClose
            }
        }
    }

    /// The index of the closing quote of the string starting at `start`, and
    /// whether it holds escapes; nil when the string is not valid JSON text
    /// (unterminated, a control character, bad UTF-8, a bad or surrogate escape).
    private static func scanString(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> (Int, Bool)? {
        let n = p.count
        var i = start + 1
        var escaped = false
        while i < n {
            let b = p[i]
            if b == UInt8(ascii: "\"") { return (i, escaped) }
            if b == UInt8(ascii: "\\") {
                escaped = true
                guard i + 1 < n else { return nil }
                switch p[i + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                     UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    i += 2
                case UInt8(ascii: "u"):
                    guard i + 6 <= n else { return nil }
                    var value = 0
                    for k in (i + 2)..<(i + 6) {
                        guard let digit = hexValue(p[k]) else { return nil }
                        value = value << 4 | digit
                    }
                    if (0xD800...0xDFFF).contains(value) { return nil }
                    i += 6
                default:
                    return nil
                }
                continue
            }
            if b < 0x20 { return nil }
            if b < 0x80 { i += 1; continue }
            guard let length = utf8SequenceLength(p, at: i) else { return nil }
            i += length
        }
        return nil
    }

    private static func hexValue(_ b: UInt8) -> Int? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(b - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// Length of the well-formed UTF-8 sequence at `i` (RFC 3629 table), or nil.
    private static func utf8SequenceLength(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let lead = p[i]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return nil
        }
        guard i + length <= p.count, (low...high).contains(p[i + 1]) else { return nil }
        for k in (i + 2)..<(i + length) where !(0x80...0xBF).contains(p[k]) { return nil }
        return length
    }

    /// The end of the number starting at `start`: -?(0|[1-9][0-9]*)(.[0-9]+)?
    /// with at most 18 integer digits. Exponents are left to the full path.
    private static func scanNumber(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let n = p.count
        var i = start
        if p[i] == UInt8(ascii: "-") { i += 1 }
        let digitsStart = i
        while i < n, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(p[i]) { i += 1 }
        let digits = i - digitsStart
        guard digits > 0, digits <= 18, digits == 1 || p[digitsStart] != UInt8(ascii: "0") else { return nil }
        if i < n, p[i] == UInt8(ascii: ".") {
            i += 1
            let fraction = i
            while i < n, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(p[i]) { i += 1 }
            guard i > fraction else { return nil }
        }
        if i < n, p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E") { return nil }
        return i
    }
}
