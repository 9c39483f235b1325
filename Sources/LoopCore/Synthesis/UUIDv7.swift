import Foundation

/// UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then random bits. Time-ordered,
/// so lesson ids sort by creation. Time and randomness come from the caller.
public enum UUIDv7 {
    public static func make(at date: Date, random: [UInt8]) -> String {
        precondition(random.count >= 10, "UUIDv7 needs 10 random bytes")
        let millis = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<6 { bytes[i] = UInt8((millis >> (8 * (5 - UInt64(i)))) & 0xff) }
        for i in 6..<16 { bytes[i] = random[i - 6] }
        bytes[6] = (bytes[6] & 0x0f) | 0x70  // version 7
        bytes[8] = (bytes[8] & 0x3f) | 0x80  // RFC 4122 variant
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let parts = [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4), hex.dropFirst(20)]
        return parts.joined(separator: "-")
    }

}
