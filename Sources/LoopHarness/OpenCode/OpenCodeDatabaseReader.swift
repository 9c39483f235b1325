import Foundation
import GRDB
import LoopCore

public enum OpenCodeDatabaseError: Error, CustomStringConvertible, Sendable {
    /// The file is missing, unreadable, or not an SQLite database.
    case cannotOpen(path: String, reason: String)
    /// An SQLite database without OpenCode's tables.
    case notOpenCode(path: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "\(path): cannot read as an SQLite database: \(reason)"
        case .notOpenCode(let path): "\(path): no OpenCode tables (session, message, part) in this database"
        }
    }
}

/// Reads new rows from OpenCode's `opencode.db` (1.2.0+) and decodes them.
///
/// Read-only by construction (`Configuration.readonly`): it never writes, never
/// checkpoints, and in WAL mode its reads do not block OpenCode's writers. A
/// short busy timeout covers the moments a checkpoint or recovery holds a lock.
/// It keeps one `OpenCodeSessionDecoder` per OpenCode session, so a session
/// read in pieces continues across calls, and re-read rows emit nothing twice.
/// Not thread-safe: use it from one task at a time.
public final class OpenCodeDatabaseReader {
    public let path: String
    public let schema: OpenCodeDatabaseSchema
    /// Rows that could not be decoded (named by table and id), oldest first.
    public private(set) var issues: [DecodeIssue] = []

    private let queue: DatabaseQueue
    private var decoders: [String: OpenCodeSessionDecoder] = [:]
    private var sessionCreated: [String: Int64] = [:]

    public init(path: String) throws {
        self.path = path
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw OpenCodeDatabaseError.cannotOpen(path: path, reason: "no readable file")
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(0.25)
        configuration.label = "OpenCodeDatabaseReader"
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            schema = try queue.read { try OpenCodeDatabaseSchema.read($0) }
        } catch {
            throw OpenCodeDatabaseError.cannotOpen(path: path, reason: "\(error)")
        }
        guard schema.hasV1 || schema.hasV2 else { throw OpenCodeDatabaseError.notOpenCode(path: path) }
        if schema.hasV2 {
            report("session_v2/session_message found: OpenCode V2 rows are not decoded yet; V1 tables are")
        }
    }

    /// Everything written since `cursor` (all rows when nil), as events grouped
    /// by session (oldest session first); within a session: message time, then
    /// message before its parts, then part id (OpenCode ids sort by creation).
    public func readNew(after cursor: OpenCodeCursor?) throws -> (events: [NormalizedEvent], cursor: OpenCodeCursor) {
        let start = cursor ?? OpenCodeCursor()
        guard schema.hasV1 else { return ([], start) }
        let batch = try queue.read { db in try self.fetchBatch(db, cursor: start) }

        var next = start
        next.sessions = start.sessions.advanced(by: batch.sessions.map { ($0.id, $0.timeUpdated, $0.fingerprint) })
        next.messages = start.messages.advanced(by: batch.messages.map { ($0.id, $0.timeUpdated, $0.fingerprint) })
        next.parts = start.parts.advanced(by: batch.parts.map { ($0.id, $0.timeUpdated, $0.fingerprint) })

        for row in batch.sessions + batch.context { sessionCreated[row.id] = row.messageCreated }
        var events: [NormalizedEvent] = []
        for sessionID in orderedSessions(batch) {
            events += decode(session: sessionID, batch: batch)
        }
        return (events, next)
    }

    /// Drops all decoder state: the next read starts fresh (use with a nil cursor).
    public func reset() {
        decoders = [:]
        sessionCreated = [:]
    }

    // MARK: - Reading

    private struct Batch {
        var sessions: [OpenCodeDatabaseRow] = []
        var messages: [OpenCodeDatabaseRow] = []
        var parts: [OpenCodeDatabaseRow] = []
        /// Rows older than the cursor that new rows need: the session of a new
        /// message, the message of a new part (when this reader has not seen them).
        var context: [OpenCodeDatabaseRow] = []
        var contextMessages: [OpenCodeDatabaseRow] = []
    }

    private func fetchBatch(_ db: Database, cursor: OpenCodeCursor) throws -> Batch {
        var batch = Batch()
        batch.sessions = try OpenCodeDatabaseQueries.sessions(db, schema: schema, since: cursor.sessions.time)
            .filter { cursor.sessions.isNew(id: $0.id, time: $0.timeUpdated, fingerprint: $0.fingerprint) }
        batch.messages = try OpenCodeDatabaseQueries.messages(db, since: cursor.messages.time)
            .filter { cursor.messages.isNew(id: $0.id, time: $0.timeUpdated, fingerprint: $0.fingerprint) }
        batch.parts = try OpenCodeDatabaseQueries.parts(db, since: cursor.parts.time)
            .filter { cursor.parts.isNew(id: $0.id, time: $0.timeUpdated, fingerprint: $0.fingerprint) }

        let batchMessages = Set(batch.messages.map(\.id))
        let missingMessages = Set(batch.parts.map(\.messageID)).filter { id in
            !batchMessages.contains(id) && !(decoders.values.contains { $0.knowsMessage(id) })
        }
        batch.contextMessages = try OpenCodeDatabaseQueries.messages(db, ids: missingMessages.sorted())

        let batchSessions = Set(batch.sessions.map(\.id))
        let touched = Set((batch.messages + batch.parts + batch.contextMessages).map(\.sessionID))
        let missingSessions = touched.filter { !batchSessions.contains($0) && decoders[$0] == nil }
        batch.context = try OpenCodeDatabaseQueries.sessions(db, schema: schema, ids: missingSessions.sorted())
        return batch
    }

    private func orderedSessions(_ batch: Batch) -> [String] {
        let all = Set((batch.sessions + batch.context + batch.messages + batch.contextMessages + batch.parts).map(\.sessionID))
        return all.sorted { (sessionCreated[$0] ?? 0, $0) < (sessionCreated[$1] ?? 0, $1) }
    }

    // MARK: - Decoding

    private func decode(session sessionID: String, batch: Batch) -> [NormalizedEvent] {
        var decoder = decoders[sessionID] ?? OpenCodeSessionDecoder(path: path)
        // Context rows are older than the cursor: whoever read up to it already
        // emitted their events, so they only prime the decoder (roles, session id).
        for row in batch.context where row.id == sessionID {
            if let object = usable(row) { _ = decoder.decode(session: object) }
        }
        for row in batch.contextMessages where row.sessionID == sessionID {
            if let object = usable(row) { _ = decoder.decode(message: object) }
        }
        var events: [NormalizedEvent] = []
        let sessionRows = batch.sessions.filter { $0.id == sessionID }
        for row in sessionRows {
            guard let object = usable(row) else { continue }
            events += decoder.decode(session: object)
        }
        let records = (batch.messages + batch.parts)
            .filter { $0.sessionID == sessionID }
            .sorted { Self.order($0) < Self.order($1) }
        for row in records {
            guard let object = usable(row) else { continue }
            events += row.table == .message ? decoder.decode(message: object) : decoder.decode(part: object)
        }
        for row in sessionRows {
            guard let object = row.object else { continue }
            events += decoder.decodeRevert(session: object)
        }
        decoders[sessionID] = decoder
        return events
    }

    private static func order(_ row: OpenCodeDatabaseRow) -> (Int64, String, Int, String) {
        (row.messageCreated, row.messageID, row.table == .message ? 0 : 1, row.id)
    }

    private func usable(_ row: OpenCodeDatabaseRow) -> [String: Any]? {
        if let problem = row.problem {
            report("table \(row.table.rawValue), row \(row.id): \(problem)")
        }
        return row.object
    }

    private func report(_ message: String) {
        issues.append(DecodeIssue(path: path, line: 0, message: message))
    }
}
