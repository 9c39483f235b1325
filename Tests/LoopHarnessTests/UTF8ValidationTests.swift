@testable import LoopHarness
import LoopTestSupport
import Testing

/// `JSONScanner.isValidUTF8` replaces the standard library's validator on
/// the ingest path, so it must agree with it on every input.
struct UTF8ValidationTests {
    func agrees(_ bytes: [UInt8]) -> Bool {
        let ours = bytes.withUnsafeBufferPointer(JSONScanner.isValidUTF8)
        return ours == (String(validating: bytes, as: UTF8.self) != nil)
    }

    @Test func everyOneAndTwoByteSequence() {
        var disagreements: [[UInt8]] = []
        for first in 0...255 {
            if !agrees([UInt8(first)]) { disagreements.append([UInt8(first)]) }
            for second in 0...255 where !agrees([UInt8(first), UInt8(second)]) {
                disagreements.append([UInt8(first), UInt8(second)])
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    }

    @Test func everyLeadByteWithEveryBoundaryContinuation() {
        // Each lead byte followed by continuation bytes at the edges of every range in table 3-7.
        let edges: [UInt8] = [0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF]
        var disagreements: [[UInt8]] = []
        for lead in 0xC0...0xFF {
            for a in edges {
                for b in edges {
                    for c in edges {
                        let sequence: [UInt8] = [UInt8(lead), a, b, c]
                        for length in 2...4 where !agrees(Array(sequence.prefix(length))) {
                            disagreements.append(Array(sequence.prefix(length)))
                        }
                    }
                }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    }

    @Test func randomTextsAroundTheEightByteFastPath() {
        // ASCII runs of every length mixed with valid and broken sequences, seeded.
        var generator = SplitMix(state: 0x5EED)
        let pieces: [[UInt8]] = [Array("—".utf8), Array("é".utf8), Array("🙂".utf8), Array("中".utf8),
                                 [0xE2, 0x80], [0xF0, 0x9F], [0xC3], [0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]]
        var disagreements = 0
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(generator.next() % 6) {
                bytes += Array(repeating: UInt8(ascii: "a"), count: Int(generator.next() % 19))
                bytes += pieces[Int(generator.next() % UInt64(pieces.count))]
            }
            if !agrees(bytes) { disagreements += 1 }
        }
        #expect(disagreements == 0)
    }
}
