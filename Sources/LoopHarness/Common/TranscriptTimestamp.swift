import Foundation

/// Parses the ISO-8601 timestamps transcripts carry, with or without
/// fractional seconds (harnesses write both, sometimes in one file).
enum TranscriptTimestamp {
    static func parse(_ text: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return date }
        return try? Date.ISO8601FormatStyle().parse(text)
    }
}
