import Foundation
import LoopCore

/// Everything the daemon needs to know at start, resolved from the
/// environment, the command line and `config.toml` by the executable.
public struct DaemonOptions: Sendable {
    /// `$CLAUDE_CONFIG_DIR/projects` or `~/.claude/projects`.
    public var claudeProjectsDirectory: String
    public var outboxPath: String
    /// Where `status.json` is written for `loopctl status`.
    public var runtimeDirectory: String
    /// Quiet time after the last write to a file before it is read.
    public var settle: Duration
    public var detector: DetectorConfig
    public var redaction: RedactionContext
    public var clientVersion: String

    public init(
        claudeProjectsDirectory: String, outboxPath: String, runtimeDirectory: String,
        settle: Duration = .milliseconds(300), detector: DetectorConfig = DetectorConfig(),
        redaction: RedactionContext = RedactionContext(), clientVersion: String
    ) {
        self.claudeProjectsDirectory = claudeProjectsDirectory
        self.outboxPath = outboxPath
        self.runtimeDirectory = runtimeDirectory
        self.settle = settle
        self.detector = detector
        self.redaction = redaction
        self.clientVersion = clientVersion
    }
}
