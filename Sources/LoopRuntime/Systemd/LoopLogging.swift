import Logging
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Chooses and installs the process's log backend. Executables only: libraries
/// take a `Logger` and never bootstrap (style.md §2).
public enum LoopLogging {
    /// Where log entries go.
    public enum Destination: Sendable, Equatable {
        case journal
        case stderr
    }

    private static let isBootstrapped = Atomic<Bool>(false)

    /// Installs the journal handler when stderr is connected to the journal, the
    /// stderr handler otherwise. swift-log traps on a second bootstrap, so only the
    /// first call has any effect; later calls return the same decision quietly.
    /// - Parameters:
    ///   - label: the syslog identifier for journal entries (e.g. `loopd`).
    ///   - environment: normally `ProcessInfo.processInfo.environment`.
    ///   - level: the minimum level every new `Logger` starts with.
    /// - Returns: the destination chosen.
    @discardableResult
    public static func bootstrap(
        label: String,
        environment: [String: String],
        level: Logger.Level = .info
    ) -> Destination {
        let destination = destination(environment: environment)
        guard isBootstrapped.compareExchange(expected: false, desired: true, ordering: .sequentiallyConsistent)
            .exchanged
        else { return destination }
        LoggingSystem.bootstrap { loggerLabel in
            switch destination {
            case .journal: JournalLogHandler(label: loggerLabel, syslogIdentifier: label, logLevel: level)
            case .stderr: StderrLogHandler(label: loggerLabel, logLevel: level)
            }
        }
        return destination
    }

    /// `.journal` when `$JOURNAL_STREAM` names the device and inode of our stderr.
    ///
    /// systemd.exec(5) sets `JOURNAL_STREAM=<dev>:<inode>` for services whose
    /// stderr is the journal and says to compare it with fstat(2) of fd 2, because
    /// the variable is inherited by children whose stderr may be redirected
    /// (e.g. `loopd 2>file` started from a shell inside a unit).
    public static func destination(environment: [String: String]) -> Destination {
        guard let stream = environment["JOURNAL_STREAM"] else { return .stderr }
        let parts = stream.split(separator: ":")
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return .stderr }
        var status = stat()
        guard fstat(2, &status) == 0, UInt64(status.st_dev) == device, UInt64(status.st_ino) == inode else {
            return .stderr
        }
        // sd_journal_sendv reports success when journald's socket is missing (it
        // "fails silently"), so without this check every entry would be lost.
        return access(journalSocketPath, F_OK) == 0 ? .journal : .stderr
    }

    /// Where sd_journal_sendv sends native-protocol entries (sd-journal's default namespace).
    static let journalSocketPath = "/run/systemd/journal/socket"
}
