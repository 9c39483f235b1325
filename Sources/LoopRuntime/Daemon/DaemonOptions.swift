import Foundation
import LoopCore

/// Everything the daemon needs to know at start, resolved from the
/// environment, the command line and `config.toml` by the executable.
public struct DaemonOptions: Sendable {
    /// Where each harness keeps its transcripts (watched when present, waited for when not).
    public var transcriptRoots: [TranscriptRoot]
    public var outboxPath: String
    /// Where `status.json` is written for `loopctl status`.
    public var runtimeDirectory: String
    /// Quiet time after the last write to a file before it is read.
    public var settle: Duration
    public var detector: DetectorConfig
    /// The redactor, with this machine's identity and the organisation's rules.
    public var redactor: Redactor
    public var clientVersion: String
    /// Where config.toml and the hub token live: re-read before each delivery,
    /// so `loopctl login` takes effect without a restart.
    public var paths: LoopPaths?
    /// Pending lessons older than this expire.
    public var expireAfter: TimeInterval = 30 * 86_400

    public init(
        transcriptRoots: [TranscriptRoot], outboxPath: String, runtimeDirectory: String,
        settle: Duration = .milliseconds(300), detector: DetectorConfig = DetectorConfig(),
        redactor: Redactor = Redactor(), clientVersion: String
    ) {
        self.transcriptRoots = transcriptRoots
        self.outboxPath = outboxPath
        self.runtimeDirectory = runtimeDirectory
        self.settle = settle
        self.detector = detector
        self.redactor = redactor
        self.clientVersion = clientVersion
    }
}

/// A folder a harness writes transcripts into.
public struct TranscriptRoot: Sendable, Hashable {
    public var path: String
    public var kind: TranscriptKind

    /// OpenCode's database in its data folder.
    public var databasePath: String { (path as NSString).appendingPathComponent("opencode.db") }

    public init(path: String, kind: TranscriptKind) {
        self.path = path
        self.kind = kind
    }

    /// Whether `path` is a transcript of this root: a `.jsonl` below it that the
    /// harness wrote as a session (not Claude Code's tool-results or memory).
    public func contains(_ path: String) -> Bool {
        if kind == .opencode { return path == databasePath || path == databasePath + "-wal" }
        guard path.hasPrefix(self.path + "/"), path.hasSuffix(".jsonl") else { return false }
        let components = path.dropFirst(self.path.count + 1).split(separator: "/")
        switch kind {
        case .claudeCode:
            return !components.contains("tool-results") && !components.contains("memory")
        case .codex:
            return components.last?.hasPrefix("rollout-") == true
        case .opencode:
            // Its database and write-ahead log, directly in the data folder.
            return false
        }
    }
}
