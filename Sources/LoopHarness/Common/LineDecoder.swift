import LoopCore

/// A decoder for a harness that writes append-only JSONL transcripts (Claude
/// Code, Codex). One instance per file: it may keep state across lines (a tool
/// call waiting for its result, a message split over lines).
///
/// Contract: `decode` never throws and never traps. A line it cannot read is
/// recorded in `issues` (with its path and line number) and skipped; unknown
/// record types and fields are ignored silently.
public protocol LineDecoder: Sendable {
    init(path: String)
    /// Problems seen so far, oldest first.
    var issues: [DecodeIssue] { get }
    mutating func decode(line: some Collection<UInt8>, lineNumber: Int, byteOffset: Int64) -> [NormalizedEvent]
    /// End of input: emits whatever was held back waiting for a following line.
    mutating func finish() -> [NormalizedEvent]
}

extension ClaudeCodeDecoder: LineDecoder {}
