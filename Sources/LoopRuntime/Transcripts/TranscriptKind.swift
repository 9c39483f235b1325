import Foundation
import LoopCore
import LoopHarness

/// The transcript formats loop reads, told apart by name and content.
public enum TranscriptKind: String, Sendable, CaseIterable {
    case claudeCode = "claude-code"
    case codex
    /// An OpenCode database, storage folder or `opencode export` file.
    case opencode

    public var harness: Harness {
        switch self {
        case .claudeCode: .claudeCode
        case .codex: .codex
        case .opencode: .opencode
        }
    }

    /// A fresh decoder for one JSONL file of this kind (nil for OpenCode, which has no lines).
    public func decoder(path: String) -> (any LineDecoder)? {
        switch self {
        case .claudeCode: ClaudeCodeDecoder(path: path)
        case .codex: Self.codexDecoder(path: path)
        case .opencode: nil
        }
    }

    /// A rollout's decoder knows the user's custom prompts (its Codex home's
    /// `prompts/`): an expanded prompt body is the prompt author's text, not
    /// the person's, and a bare `/<name>` is that prompt.
    static func codexDecoder(path: String) -> CodexDecoder {
        guard let home = CodexLayout.home(ofRollout: path) else { return CodexDecoder(path: path) }
        let directory = CodexLayout(home: home).promptsDirectory
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let names = files.filter { $0.hasSuffix(".md") }.map { String($0.dropLast(3)) }
        var decoder = CodexDecoder(path: path, customPromptNames: Set(names))
        decoder.customPrompts = CodexPromptExpansion.load(directory: directory)
        return decoder
    }

    /// What kind of transcript `path` is, or nil when loop cannot read it.
    /// Codex rollouts are named `rollout-…jsonl` and start with an envelope
    /// carrying a `payload`; other JSONL files are read as Claude Code's.
    public static func of(path: String) -> TranscriptKind? {
        guard path.hasSuffix(".jsonl") else { return OpenCodeInput.detect(path: path) == nil ? nil : .opencode }
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
        guard var decoder = kind.decoder(path: path) else {
            return try forEachOpenCodeRecord(path: path, body)
        }
        var lastLine = 0
        try LineReader.forEachLine(path: path) { bytes, number, offset in
            lastLine = number
            body(decoder.decode(line: bytes, lineNumber: number, byteOffset: offset), number, nil)
        }
        body(decoder.finish(), lastLine, nil)
        return decoder.issues
    }

    /// OpenCode has messages, not lines: events are grouped by the message id
    /// they name, in order, with line 0.
    static func forEachOpenCodeRecord(
        path: String, _ body: (_ events: [NormalizedEvent], _ line: Int, _ recordID: String?) -> Void
    ) throws -> [DecodeIssue] {
        guard let input = OpenCodeInput.detect(path: path) else { return [] }
        let (events, issues) = try input.decodeAll()
        var group: [NormalizedEvent] = []
        for event in events {
            if let last = group.last, last.position.recordID != event.position.recordID {
                body(group, 0, last.position.recordID)
                group = []
            }
            group.append(event)
        }
        if let last = group.last { body(group, 0, last.position.recordID) }
        return issues
    }
}
