import GRDB
import Synchronization

/// Moves SQLite's WAL checkpoints out of the requests' way.
///
/// By default the connection whose commit makes the WAL pass 1,000 pages runs
/// the checkpoint inside that commit: one ingest in a thousand waited for the
/// whole copy back into the database file (and its fsync), and every request
/// queued behind the single writer waited with it — the p99 of
/// `benchmarks/hub`. The pool's connections have `wal_autocheckpoint = 0`;
/// this runs a PASSIVE checkpoint on a connection of its own every
/// `interval` commits, in a detached task, one at a time. PASSIVE never
/// blocks the writer or readers; what it cannot copy yet is copied next time,
/// and SQLite checkpoints fully when the last connection closes.
final class WALCheckpointer: Sendable {
    private let connection: DatabaseQueue
    private let interval: Int
    private let state = Mutex<(commits: Int, running: Bool)>((0, false))

    init(path: String, interval: Int = 1_000) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        connection = try DatabaseQueue(path: path, configuration: configuration)
        self.interval = interval
    }

    /// Call after each write transaction.
    func committed() {
        let start = state.withLock { state -> Bool in
            state.commits += 1
            guard state.commits >= interval, !state.running else { return false }
            state.commits = 0
            state.running = true
            return true
        }
        guard start else { return }
        Task.detached(priority: .utility) { [self] in
            _ = try? connection.writeWithoutTransaction { try $0.checkpoint(.passive) }
            state.withLock { $0.running = false }
        }
    }

    func close() throws {
        try connection.close()
    }
}
