import Foundation

/// Byte classes for the UTF-8 scanner. One table lookup per byte keeps the hot loop cheap.
enum ByteClass {
    static let lower: UInt8 = 1
    static let upper: UInt8 = 2
    static let digit: UInt8 = 4
    static let underscoreDash: UInt8 = 8
    static let base64Extra: UInt8 = 16  // + / =
    static let hex: UInt8 = 32
    static let space: UInt8 = 64
    /// A byte after which a new word may start a match (quotes, brackets, separators).
    static let delimiter: UInt8 = 128

    static let table: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 256)
        for b in UInt8(ascii: "a")...UInt8(ascii: "z") { t[Int(b)] |= lower }
        for b in UInt8(ascii: "A")...UInt8(ascii: "Z") { t[Int(b)] |= upper }
        for b in UInt8(ascii: "0")...UInt8(ascii: "9") { t[Int(b)] |= digit | hex }
        for b in UInt8(ascii: "a")...UInt8(ascii: "f") { t[Int(b)] |= hex }
        for b in UInt8(ascii: "A")...UInt8(ascii: "F") { t[Int(b)] |= hex }
        for b in "_-".utf8 { t[Int(b)] |= underscoreDash }
        for b in "+/=".utf8 { t[Int(b)] |= base64Extra }
        for b in " \t\r\n\u{0B}\u{0C}".utf8 { t[Int(b)] |= space | delimiter }
        for b in "'\"`()[]{}<>,;=:|&!?*\\".utf8 { t[Int(b)] |= delimiter }
        return t
    }()

    @inline(__always) static func isAlnum(_ b: UInt8) -> Bool { table[Int(b)] & (lower | upper | digit) != 0 }
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 48 < 10 }
    @inline(__always) static func isHex(_ b: UInt8) -> Bool { table[Int(b)] & hex != 0 }
    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { table[Int(b)] & space != 0 }
    @inline(__always) static func isWordByte(_ b: UInt8) -> Bool {
        table[Int(b)] & (lower | upper | digit | underscoreDash) != 0
    }
    @inline(__always) static func lowercased(_ b: UInt8) -> UInt8 {
        b &- 65 < 26 ? b | 0x20 : b
    }
}

/// A token charset for the body of a known-format secret.
struct Charset: Sendable {
    var allowed: [Bool]
    init(_ ranges: String) {
        allowed = [Bool](repeating: false, count: 256)
        var bytes = Array(ranges.utf8)[...]
        while let first = bytes.first {
            bytes = bytes.dropFirst()
            if bytes.count >= 2, bytes.first == UInt8(ascii: "-") {
                let last = bytes[bytes.index(after: bytes.startIndex)]
                for b in first...last { allowed[Int(b)] = true }
                bytes = bytes.dropFirst(2)
            } else {
                allowed[Int(first)] = true
            }
        }
    }
    @inline(__always) func contains(_ b: UInt8) -> Bool { allowed[Int(b)] }

    static let alnum = Charset("a-zA-Z0-9")
    static let alnumUnderscore = Charset("a-zA-Z0-9_")
    static let token = Charset("a-zA-Z0-9_-")
    static let tokenDot = Charset("a-zA-Z0-9_.-")
    static let base64 = Charset("a-zA-Z0-9+/=")
    static let base64URL = Charset("a-zA-Z0-9_=-")
    static let lowerHex = Charset("a-f0-9")
    static let upperAlnum = Charset("A-Z0-9")
    static let lowerAlnum = Charset("a-z0-9")
    static let letters = Charset("a-zA-Z")
}

/// Shannon entropy in bits per byte, used to tell random tokens from words.
func shannonEntropy(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Double {
    guard !range.isEmpty else { return 0 }
    var counts = [Int](repeating: 0, count: 256)
    for i in range { counts[Int(bytes[i])] += 1 }
    let n = Double(range.count)
    var h = 0.0
    for c in counts where c > 0 {
        let p = Double(c) / n
        h -= p * log2(p)
    }
    return h
}
