import Foundation
import LoopCore
import LoopHarness

/// The transcript formats loop reads, told apart by name and content.
public enum TranscriptKind: String, Sendable, CaseIterable {
    case claudeCode = "claude-code"
    case codex

    public var harness: Harness {
        switch self {
        case .claudeCode: .claudeCode
        case .codex: .codex
        }
    }

    /// A fresh decoder for one file of this kind.
    public func decoder(path: String) -> any LineDecoder {
        switch self {
        case .claudeCode: ClaudeCodeDecoder(path: path)
        case .codex: CodexDecoder(path: path)
        }
    }

    /// What kind of transcript `path` is, or nil when loop cannot read it.
    /// Codex rollouts are named `rollout-…jsonl` and start with an envelope
    /// carrying a `payload`; other JSONL files are read as Claude Code's.
    public static func of(path: String) -> TranscriptKind? {
        guard path.hasSuffix(".jsonl") else { return nil }
        if (path as NSString).lastPathComponent.hasPrefix("rollout-") { return .codex }
        guard let handle = FileHandle(forReadingAtPath: path) else { return .claudeCode }
        defer { try? handle.close() }
        let head = String(decoding: (try? handle.read(upToCount: 4096)) ?? Data(), as: UTF8.self)
        let firstLine = head.split(separator: "\n", maxSplits: 1).first ?? ""
        return firstLine.contains("\"payload\"") && firstLine.contains("\"timestamp\"") ? .codex : .claudeCode
    }

    /// Decodes a transcript record by record: `body` gets the events of each
    /// record with its line number (0 where records have no lines).
    public static func forEachRecord(
        path: String, kind: TranscriptKind,
        _ body: (_ events: [NormalizedEvent], _ line: Int, _ recordID: String?) -> Void
    ) throws -> [DecodeIssue] {
        var decoder = kind.decoder(path: path)
        var lastLine = 0
        try LineReader.forEachLine(path: path) { bytes, number, offset in
            lastLine = number
            body(decoder.decode(line: bytes, lineNumber: number, byteOffset: offset), number, nil)
        }
        body(decoder.finish(), lastLine, nil)
        return decoder.issues
    }
}
