import Foundation
import LoopCore
import LoopHarness

/// The transcript formats loop reads, told apart by name and content.
public enum TranscriptKind: String, Sendable, CaseIterable {
    case claudeCode = "claude-code"

    public var harness: Harness {
        switch self {
        case .claudeCode: .claudeCode
        }
    }

    /// What kind of transcript `path` is, or nil when loop cannot read it.
    public static func of(path: String) -> TranscriptKind? {
        if path.hasSuffix(".jsonl") { return .claudeCode }
        return nil
    }

    /// Decodes a transcript record by record: `body` gets the events of each
    /// record with its line number (0 where records have no lines).
    public static func forEachRecord(
        path: String, kind: TranscriptKind,
        _ body: (_ events: [NormalizedEvent], _ line: Int, _ recordID: String?) -> Void
    ) throws -> [DecodeIssue] {
        switch kind {
        case .claudeCode:
            return try forEachLine(path: path, decoder: ClaudeCodeDecoder(path: path), body)
        }
    }

    static func forEachLine<Decoder: LineDecoder>(
        path: String, decoder: Decoder, _ body: (_ events: [NormalizedEvent], _ line: Int, _ recordID: String?) -> Void
    ) throws -> [DecodeIssue] {
        var decoder = decoder
        var lastLine = 0
        try LineReader.forEachLine(path: path) { bytes, number, offset in
            lastLine = number
            body(decoder.decode(line: bytes, lineNumber: number, byteOffset: offset), number, nil)
        }
        body(decoder.finish(), lastLine, nil)
        return decoder.issues
    }
}
