import Foundation
import GRDB
import LoopCore

/// The user's SQLite outbox: lessons, their append-only transition log, their
/// evidence, de-bounce keys and tailing cursors (`docs/outbox.md`).
///
/// Every adapter (loopd, loopctl, the MCP tools) changes lesson state only
/// through this type, so the state machine and the log cannot be bypassed.
/// Several processes open the same file at once: a WAL `DatabasePool` gives
/// each process parallel readers and one writer, and SQLite serializes the
/// writers of different processes (each waits up to `busyTimeout`).
public final class Outbox: Sendable {
    /// How long a write waits for another process's write before failing with `.busy`.
    public static let busyTimeout: TimeInterval = 5

    /// The database file this outbox was opened from.
    public let path: String
    let pool: DatabasePool

    private init(path: String, pool: DatabasePool) {
        self.path = path
        self.pool = pool
    }

    /// `$XDG_STATE_HOME/loop/outbox.sqlite3`, or `$HOME/.local/state/loop/outbox.sqlite3`
    /// when `XDG_STATE_HOME` is unset or not absolute (as the XDG spec asks).
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let stateHome: String
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") {
            stateHome = xdg
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            stateHome = (home as NSString).appendingPathComponent(".local/state")
        }
        return ((stateHome as NSString).appendingPathComponent("loop") as NSString)
            .appendingPathComponent("outbox.sqlite3")
    }

    /// Opens (creating if needed) the outbox at `path` and brings its schema up to date.
    ///
    /// Creates missing parent directories with mode 0700. Refuses a file that is
    /// not SQLite (without touching it) and a schema migrated by a newer loop.
    public static func open(at path: String) throws -> Outbox {
        try createParentDirectory(of: path)
        try refuseNonSQLiteFile(at: path)
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration())
        } catch let error as DatabaseError {
            throw map(error, path: path)
        }
        let outbox = Outbox(path: path, pool: pool)
        try outbox.migrate()
        return outbox
    }

    private static func configuration() -> Configuration {
        var config = Configuration()
        config.label = "loop.outbox"
        config.foreignKeysEnabled = true
        // GRDB opens writes IMMEDIATE, so a writer of another process makes us
        // wait here rather than fail at once (DatabaseSharing.md).
        config.busyMode = .timeout(busyTimeout)
        config.prepareDatabase { db in
            // A lesson the user consented to must survive a power cut: FULL
            // syncs the WAL on every commit (NORMAL could lose the last ones).
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // A REPLACE on loop's own connections then fires the DELETE guards
            // too. The BEFORE INSERT guards (v4) hold without it, for any connection.
            try db.execute(sql: "PRAGMA recursive_triggers = ON")
        }
        return config
    }

    private static func createParentDirectory(of path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        guard !directory.isEmpty else { return }
        do {
            // 0700: lessons are redacted, but evidence still describes the user's work.
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        } catch {
            throw OutboxError.cannotOpen(path: path, reason: "cannot create \(directory): \(error.localizedDescription)")
        }
    }

    /// SQLite refuses such a file too, but checking the header first guarantees
    /// that nothing (not even a WAL companion) is created next to the user's file.
    private static func refuseNonSQLiteFile(at path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return }
        if isDirectory.boolValue {
            throw OutboxError.cannotOpen(path: path, reason: "it is a directory")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw OutboxError.cannotOpen(path: path, reason: "it cannot be read")
        }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        // An empty file is a valid, empty SQLite database.
        if !header.isEmpty && header != Data("SQLite format 3\0".utf8) {
            throw OutboxError.notADatabase(path: path)
        }
    }

    // MARK: - Access shared by every store function

    /// A read transaction; SQLite errors become `OutboxError`.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch let error as DatabaseError {
            throw Self.map(error, path: path)
        }
    }

    /// One IMMEDIATE write transaction. It first checks that no newer loop has
    /// migrated the file since we opened it: a long-running loopd must not
    /// write into a schema it does not know.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.write { db in
                try OutboxSchema.refuseNewerSchema(db, path: path)
                return try body(db)
            }
        } catch let error as DatabaseError {
            throw Self.map(error, path: path)
        }
    }

    static func map(_ error: DatabaseError, path: String) -> OutboxError {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .busy(path: path)
        case .SQLITE_NOTADB:
            return .notADatabase(path: path)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY:
            return .cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        default:
            return .database(path: path, message: error.message ?? "\(error)")
        }
    }
}
