import CSystemd
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// A swift-log backend that sends structured entries to the systemd journal.
///
/// Each entry carries `MESSAGE`, `PRIORITY`, `SYSLOG_IDENTIFIER`, `CODE_FILE`,
/// `CODE_LINE`, `CODE_FUNC`, `LOOP_LOGGER` (the logger label) and one field per
/// metadata key, named by ``journalFieldName(_:)`` (`loop.session.id` →
/// `LOOP_SESSION_ID`), so `journalctl --user -u loopd LOOP_SESSION_ID=…` works.
///
/// It uses `sd_journal_sendv` because the variadic `sd_journal_send` cannot be
/// called from Swift. If the journal refuses an entry, the line goes to stderr
/// instead (which journald also captures under a unit), so nothing is lost.
/// Level and metadata are stored values, per swift-log's LogHandler contract.
public struct JournalLogHandler: LogHandler {
    public let label: String
    public let syslogIdentifier: String
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?

    public init(
        label: String,
        syslogIdentifier: String = "loopd",
        logLevel: Logger.Level = .info,
        metadataProvider: Logger.MetadataProvider? = nil
    ) {
        self.label = label
        self.syslogIdentifier = syslogIdentifier
        self.logLevel = logLevel
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = LogRecordMetadata.merged(handler: metadata, provider: metadataProvider, event: event)
        let fields = Self.fields(for: event, label: label, identifier: syslogIdentifier, metadata: merged)
        if !JournalEntry.send(fields) {
            let fallback = StderrLogHandler.formatLine(
                timestamp: StderrLogHandler.timestamp(), level: event.level, label: label,
                message: event.message.description, metadata: merged
            )
            StandardError.write(fallback)
        }
    }

    /// The `NAME=value` fields of one entry, in order; pure, for tests.
    static func fields(
        for event: LogEvent, label: String, identifier: String, metadata: Logger.Metadata
    ) -> [String] {
        var fields = [
            "MESSAGE=\(event.message)",
            "PRIORITY=\(priority(event.level))",
            "SYSLOG_IDENTIFIER=\(identifier)",
            "CODE_FILE=\(event.file)",
            "CODE_LINE=\(event.line)",
            "CODE_FUNC=\(event.function)",
            "LOOP_LOGGER=\(label)",
        ]
        let reserved: Set<String> = ["MESSAGE", "PRIORITY", "SYSLOG_IDENTIFIER", "CODE_FILE", "CODE_LINE",
                                     "CODE_FUNC", "LOOP_LOGGER", "MESSAGE_ID"]
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            guard var name = journalFieldName(key) else { continue }
            // A metadata key must never overwrite or duplicate the entry's own fields.
            if reserved.contains(name) { name = String(("META_" + name).prefix(64)) }
            fields.append("\(name)=\(value.description)")
        }
        return fields
    }

    /// The syslog priority journald expects (sd-daemon.h `SD_*`) for a swift-log level.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    /// A metadata key as a valid journal field name, or nil if nothing usable is left.
    ///
    /// journald accepts only `A-Z`, `0-9` and `_`, at most 64 characters, not starting
    /// with `_` (reserved for trusted fields) or a digit; other names are dropped
    /// silently by journald, so they are mapped here: uppercased, any other character
    /// becomes `_` (`loop.session.id` → `LOOP_SESSION_ID`).
    public static func journalFieldName(_ key: String) -> String? {
        var name = String(key.uppercased().unicodeScalars.map { scalar -> Character in
            let isAllowed = ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            return isAllowed ? Character(scalar) : "_"
        })
        while name.first == "_" { name.removeFirst() }
        guard let first = name.first else { return nil }
        if first.isNumber { name = "F_" + name }
        return String(name.prefix(64))
    }
}

/// One call to sd_journal_sendv(3) with fields given as `NAME=value` strings.
enum JournalEntry {
    /// - Returns: true when journald accepted the entry.
    static func send(_ fields: [String]) -> Bool {
        // All fields live in one buffer so the iovecs can point into it while it is pinned.
        var buffer: [UInt8] = []
        var ranges: [Range<Int>] = []
        for field in fields {
            let start = buffer.count
            buffer.append(contentsOf: field.utf8)  // values may hold newlines: sendv frames them itself
            ranges.append(start..<buffer.count)
        }
        let result = buffer.withUnsafeMutableBytes { raw -> Int32 in
            guard let base = raw.baseAddress else { return -1 }
            let vectors = ranges.map { iovec(iov_base: base + $0.lowerBound, iov_len: $0.count) }
            return vectors.withUnsafeBufferPointer { sd_journal_sendv($0.baseAddress, Int32($0.count)) }
        }
        return result >= 0
    }
}
