/// 64-bit FNV-1a: a stable hash for persisted values.
///
/// Swift's `Hasher` is seeded per process, so its values cannot be stored in a
/// cursor and compared after a restart; FNV-1a gives the same value everywhere.
public enum FNV1a {
    public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    public static func hash<Bytes: Sequence>(_ bytes: Bytes, seed: UInt64 = offsetBasis) -> UInt64
    where Bytes.Element == UInt8 {
        var hash = seed
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= prime
        }
        return hash
    }
}
