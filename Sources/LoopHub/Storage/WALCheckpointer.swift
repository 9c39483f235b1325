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
    private struct State {
        var commits = 0
        /// The checkpoint in flight, if any: `close()` waits for it, because a
        /// GRDB connection must not be closed while it is being used.
        var running: Task<Void, Never>?
        var closed = false
    }

    private let connection: DatabaseQueue
    private let interval: Int
    private let state = Mutex(State())

    init(path: String, interval: Int = 1_000) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        connection = try DatabaseQueue(path: path, configuration: configuration)
        self.interval = interval
    }

    /// Call after each write transaction.
    func committed() {
        state.withLock { state in
            state.commits += 1
            guard state.commits >= interval, state.running == nil, !state.closed else { return }
            state.commits = 0
            let connection = connection
            state.running = Task.detached(priority: .utility) { [weak self] in
                _ = try? connection.writeWithoutTransaction { try $0.checkpoint(.passive) }
                self?.state.withLock { $0.running = nil }
            }
        }
    }

    /// Stops starting checkpoints, waits for the one in flight, closes the connection.
    func close() async throws {
        let running = state.withLock { state -> Task<Void, Never>? in
            state.closed = true
            return state.running
        }
        await running?.value
        try connection.close()
    }
}
