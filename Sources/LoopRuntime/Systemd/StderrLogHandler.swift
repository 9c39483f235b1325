import Logging
#if canImport(Glibc)
import Glibc
#endif

/// A swift-log backend writing one line per entry to stderr:
/// `2026-11-22T10:15:30.123Z info loopd: watching key=value …`.
///
/// Used when loopd runs in a terminal. Level and metadata are plain stored
/// properties, so copies of a `Logger` never affect each other (swift-log's
/// LogHandler value-semantics contract).
public struct StderrLogHandler: LogHandler {
    public let label: String
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?

    public init(label: String, logLevel: Logger.Level = .info, metadataProvider: Logger.MetadataProvider? = nil) {
        self.label = label
        self.logLevel = logLevel
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = LogRecordMetadata.merged(handler: metadata, provider: metadataProvider, event: event)
        StandardError.write(Self.formatLine(
            timestamp: Self.timestamp(), level: event.level, label: label,
            message: event.message.description, metadata: merged
        ))
    }

    /// The exact line written for one entry, newline included; pure, for tests.
    static func formatLine(
        timestamp: String, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata
    ) -> String {
        let pairs = LogRecordMetadata.keyValueText(metadata)
        return "\(timestamp) \(level) \(label): \(message)" + (pairs.isEmpty ? "" : " " + pairs) + "\n"
    }

    /// Current UTC time as ISO 8601 with milliseconds. Built with gmtime_r rather
    /// than a Foundation formatter, which is neither cheap nor Sendable.
    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        let millis = Int32(now.tv_nsec / 1_000_000)
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))"
            + "T\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(millis, 3))Z"
    }
}

/// Raw writes to fd 2. One write(2) per line keeps lines from concurrent loggers
/// whole (pipes guarantee this up to PIPE_BUF), and avoids Glibc's `stderr`
/// global, which Swift 6 rejects as shared mutable state.
enum StandardError {
    static func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { raw in
                Glibc.write(2, raw.baseAddress! + offset, raw.count - offset)
            }
            if written > 0 {
                offset += written
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                return  // stderr closed or full: logging must never take the daemon down
            }
        }
    }
}
