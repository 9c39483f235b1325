import Foundation

/// Byte tests for the UTF-8 scanner, written as arithmetic so the hot loop touches no
/// tables, locks or reference counts.
enum ByteClass {
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 48 < 10 }
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- 97 < 26 }
    @inline(__always) static func isAlnum(_ b: UInt8) -> Bool { isDigit(b) || isLetter(b) }
    @inline(__always) static func isHex(_ b: UInt8) -> Bool { isDigit(b) || (b | 0x20) &- 97 < 6 }
    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 32 || b &- 9 < 5 }
    @inline(__always) static func isWordByte(_ b: UInt8) -> Bool {
        isAlnum(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
    }
    @inline(__always) static func lowercased(_ b: UInt8) -> UInt8 {
        b &- 65 < 26 ? b | 0x20 : b
    }
}

/// Per-byte class bits for the three runs measured at every word start. A table lookup
/// is one load per byte where the bit-mask test costs three branches.
enum WordTable {
    static let token: UInt8 = 1  // [A-Za-z0-9_-]
    static let wordish: UInt8 = 2  // token plus `.` `~` `$`
    static let alnum: UInt8 = 4  // [A-Za-z0-9]

    /// Built once and never written again, so sharing it across threads is safe.
    nonisolated(unsafe) static let bits: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for b in 0..<256 {
            let byte = UInt8(b)
            var bits: UInt8 = 0
            if Charset.token.contains(byte) { bits |= token }
            if Charset.wordish.contains(byte) { bits |= wordish }
            if Charset.alnum.contains(byte) { bits |= alnum }
            table[b] = bits
        }
        return UnsafePointer(table)
    }()
}

/// A set of ASCII bytes as a 128-bit mask: a plain value, so testing membership costs
/// two instructions and no memory traffic.
struct Charset: Sendable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    /// Precomputed masks, so the common sets are static constants (no lazy initialisation).
    init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }

    /// `ranges` lists bytes and `a-z` style ranges (a `-` last or first is literal).
    init(_ ranges: StaticString) {
        let p = ranges.utf8Start
        let n = ranges.utf8CodeUnitCount
        var k = 0
        while k < n {
            let first = p[k]
            if k + 2 < n, p[k + 1] == UInt8(ascii: "-") {
                for b in first...p[k + 2] { insert(b) }
                k += 3
            } else {
                insert(first)
                k += 1
            }
        }
    }

    mutating func insert(_ b: UInt8) {
        if b < 64 { low |= 1 << UInt64(b) } else if b < 128 { high |= 1 << UInt64(b - 64) }
    }

    @inline(__always) func contains(_ b: UInt8) -> Bool {
        b < 64 ? (low >> UInt64(b)) & 1 != 0 : (b < 128 ? (high >> UInt64(b &- 64)) & 1 != 0 : false)
    }

    static let wordish = Charset(low: 0x03FF601000000000, high: 0x47FFFFFE87FFFFFE)  // a-zA-Z0-9_.~$-
    static let alnum = Charset(low: 0x03FF000000000000, high: 0x07FFFFFE07FFFFFE)  // a-zA-Z0-9
    static let alnumUnderscore = Charset(low: 0x03FF000000000000, high: 0x07FFFFFE87FFFFFE)  // a-zA-Z0-9_
    static let token = Charset(low: 0x03FF200000000000, high: 0x07FFFFFE87FFFFFE)  // a-zA-Z0-9_-
    static let tokenDot = Charset(low: 0x03FF600000000000, high: 0x07FFFFFE87FFFFFE)  // a-zA-Z0-9_.-
    static let base64 = Charset(low: 0x23FF880000000000, high: 0x07FFFFFE07FFFFFE)  // a-zA-Z0-9+/=
    static let base64URL = Charset(low: 0x23FF200000000000, high: 0x07FFFFFE87FFFFFE)  // a-zA-Z0-9_=-
    static let lowerHex = Charset(low: 0x03FF000000000000, high: 0x0000007E00000000)  // a-f0-9
    static let hex = Charset(low: 0x03FF000000000000, high: 0x0000007E0000007E)  // 0-9a-fA-F
    static let upperAlnum = Charset(low: 0x03FF000000000000, high: 0x0000000007FFFFFE)  // A-Z0-9
    static let lowerAlnum = Charset(low: 0x03FF000000000000, high: 0x07FFFFFE00000000)  // a-z0-9
    static let letters = Charset(low: 0x0000000000000000, high: 0x07FFFFFE07FFFFFE)  // a-zA-Z
    static let digits = Charset(low: 0x03FF000000000000, high: 0x0000000000000000)  // 0-9
    static let terraformBody = Charset(low: 0x23FF200000000000, high: 0x07FFFFFE80000000)  // a-z0-9_=-
    static let azureHead = Charset(low: 0x03FF400000000000, high: 0x47FFFFFE87FFFFFE)  // a-zA-Z0-9_~.
    static let azureBody = Charset(low: 0x03FF600000000000, high: 0x47FFFFFE87FFFFFE)  // a-zA-Z0-9_~.-
    static let emailLocal = Charset(low: 0x03FF682000000000, high: 0x07FFFFFE87FFFFFE)  // a-zA-Z0-9._%+-
    static let domain = Charset(low: 0x03FF600000000000, high: 0x07FFFFFE07FFFFFE)  // a-zA-Z0-9.-
    static let pemBody = Charset(low: 0x27FFB80100002600, high: 0x07FFFFFE17FFFFFE)  // a-zA-Z0-9+/=\r\n\t \\:,-
    static let headerCredential = Charset(low: 0x27FFE80000000000, high: 0x47FFFFFE87FFFFFF)  // a-zA-Z0-9_=~@.+/:-
}

/// Shannon entropy in bits per byte, used to tell random tokens from words.
func shannonEntropy(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Double {
    guard !range.isEmpty else { return 0 }
    return withUnsafeTemporaryAllocation(of: Int.self, capacity: 256) { counts in
        counts.initialize(repeating: 0)
        for i in range { counts[Int(bytes[i])] += 1 }
        let n = Double(range.count)
        var h = 0.0
        for c in counts where c > 0 {
            let p = Double(c) / n
            h -= p * log2(p)
        }
        return h
    }
}
