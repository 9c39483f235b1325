import Foundation
import Testing
@testable import LoopHarness

/// The direct reader of `…Z` timestamps agrees with Foundation's ISO-8601 parser.
@Suite struct TranscriptTimestampTests {
    @Test func utcFormMatchesFoundation() throws {
        let samples = [
            "1970-01-01T00:00:00Z", "2000-02-29T23:59:59.999Z", "2024-02-29T12:00:00.5Z", "2025-10-28T11:18:56.868Z",
            "2026-11-22T12:00:31.123456Z", "2100-03-01T00:00:00Z", "1969-12-31T23:59:59Z", "2038-01-19T03:14:08.000Z",
        ]
        for text in samples {
            let fast = try #require(TranscriptTimestamp.parseUTC(text), "\(text)")
            let style = text.contains(".") ? Date.ISO8601FormatStyle(includingFractionalSeconds: true) : Date.ISO8601FormatStyle()
            let reference = try style.parse(text)
            // Foundation keeps milliseconds; the direct reader keeps every digit given.
            #expect(abs(fast.timeIntervalSince1970 - reference.timeIntervalSince1970) < 0.001, "\(text)")
        }
        #expect(TranscriptTimestamp.parseUTC("2026-11-22T12:00:31.123456Z")!.timeIntervalSince1970 == 1_795_348_831.123456)
    }

    @Test func otherFormsFallBackOrFail() {
        #expect(TranscriptTimestamp.parseUTC("2025-10-28T11:18:56+02:00") == nil)
        let offset = TranscriptTimestamp.parse("2025-10-28T11:18:56+02:00")
        #expect(offset == TranscriptTimestamp.parse("2025-10-28T09:18:56Z"))
        for bad in ["", "2025-13-01T00:00:00Z", "2025-10-28 11:18:56Z", "2025-10-28T11:18:56.Z", "yesterday", "2025-10-28T11:18:5xZ"] {
            #expect(TranscriptTimestamp.parseUTC(bad) == nil, "\(bad)")
        }
        #expect(TranscriptTimestamp.parse("yesterday") == nil)
    }
}
