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
        case .notOpenCode(let path):
            "\(path): no OpenCode tables (session, message, part; or session_v2, session_message) in this database"
        }
    }
}

/// Reads new rows from OpenCode's `opencode.db` and decodes them: the V1
/// tables of 1.2.0+ (`session`, `message`, `part`) and the V2 tables of 2.0
/// (`session_v2`, `session_message`, translated by `OpenCodeV2Message`), either or both.
///
/// Read-only by construction (`Configuration.readonly`): it never writes, never
/// checkpoints, and in WAL mode its reads do not block OpenCode's writers. A
/// short busy timeout covers the moments a checkpoint or recovery holds a lock.
/// It keeps one `OpenCodeSessionDecoder` per OpenCode session, so a session
/// read in pieces continues across calls, and re-read rows emit nothing twice.
/// Not thread-safe: use it from one task at a time.
public final class OpenCodeDatabaseReader {
    public let path: String
    /// Read again before each read while a layout is missing: OpenCode 2.0
    /// adds its tables to a 1.x database the first time it runs.
    public private(set) var schema: OpenCodeDatabaseSchema
    /// Rows that could not be decoded (named by table and id), oldest first.
    public private(set) var issues: [DecodeIssue] = []

    private let queue: DatabaseQueue
    private var decoders: [String: OpenCodeSessionDecoder] = [:]
    private var sessionCreated: [String: Int64] = [:]
    /// Each session's working directory: V2 tools take relative paths.
    private var directories: [String: String] = [:]
    private var claims = OpenCodeMessageClaims()

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
        reportUnreadableV2()
    }

    private var reportedUnreadableV2 = false

    private func reportUnreadableV2() {
        guard schema.hasV2Tables, !schema.hasV2, !reportedUnreadableV2 else { return }
        reportedUnreadableV2 = true
        report("session_v2/session_message lack columns this reader needs "
            + "(id, session_id, type, seq, time_created, time_updated, data): V2 rows are not read")
    }

    /// Everything written since `cursor` (all rows when nil), as events grouped
    /// by session (oldest session first); within a session: V1 messages by
    /// time, each before its parts (by part id), and V2 rows by `seq`, the two
    /// merged by message creation time. A message in both layouts (2.0's copy
    /// of a 1.x message) is decoded from one only (`OpenCodeMessageClaims`).
    public func readNew(after cursor: OpenCodeCursor?) throws -> (events: [NormalizedEvent], cursor: OpenCodeCursor) {
        let start = cursor ?? OpenCodeCursor()
        if !(schema.hasV1 && schema.hasV2) {
            schema = try queue.read { try OpenCodeDatabaseSchema.read($0) }
            reportUnreadableV2()
        }
        let batch = try queue.read { db in
            try OpenCodeDatabaseBatch.fetch(
                db, schema: schema, cursor: start,
                knowsMessage: { id in self.decoders.values.contains { $0.knowsMessage(id) } },
                knowsSession: { self.decoders[$0] != nil })
        }
        for (id, layout) in batch.claimedBefore { _ = claims.claim(id, by: layout) }
        for row in batch.sessions + batch.context {
            sessionCreated[row.id] = row.messageCreated
            if let directory = row.object?.string("directory"), !directory.isEmpty { directories[row.id] = directory }
        }
        var events: [NormalizedEvent] = []
        for sessionID in orderedSessions(batch) {
            events += decode(session: sessionID, batch: batch)
        }
        return (events, batch.advance(start))
    }

    /// Drops all decoder state: the next read starts fresh (use with a nil cursor).
    public func reset() {
        decoders = [:]
        sessionCreated = [:]
        directories = [:]
        claims = OpenCodeMessageClaims()
    }

    private func orderedSessions(_ batch: OpenCodeDatabaseBatch) -> [String] {
        let rows = batch.sessions + batch.context + batch.messages + batch.contextMessages + batch.parts + batch.sessionMessages
        return Set(rows.map(\.sessionID)).sorted { (sessionCreated[$0] ?? 0, $0) < (sessionCreated[$1] ?? 0, $1) }
    }

    // MARK: - Decoding

    private func decode(session sessionID: String, batch: OpenCodeDatabaseBatch) -> [NormalizedEvent] {
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
            let started = decoder.decode(session: object)
            // A session copied between layouts that was announced before the cursor.
            if !batch.announcedBefore.contains(row.id) { events += started }
        }
        let v1 = (batch.messages + batch.parts).filter { $0.sessionID == sessionID }.sorted { Self.order($0) < Self.order($1) }
        let v2 = batch.sessionMessages.filter { $0.sessionID == sessionID }.sorted { ($0.seq, $0.id) < ($1.seq, $1.id) }
        for row in Self.merge(v1, v2) {
            guard let object = usable(row) else { continue }
            switch row.table {
            case .message, .part:
                guard claims.claim(row.messageID, by: .v1) else { continue }
                events += row.table == .message ? decoder.decode(message: object) : decoder.decode(part: object)
            default:
                guard claims.claim(row.id, by: .v2) else { continue }
                let translated = OpenCodeV2Message.translate(object, directory: directories[sessionID])
                if let message = translated.message { events += decoder.decode(message: message) }
                for part in translated.parts { events += decoder.decode(part: part) }
            }
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

    /// Two ordered lists as one, by message creation time (the first list first on ties).
    private static func merge(_ first: [OpenCodeDatabaseRow], _ second: [OpenCodeDatabaseRow]) -> [OpenCodeDatabaseRow] {
        var result: [OpenCodeDatabaseRow] = []
        var (i, j) = (0, 0)
        while i < first.count || j < second.count {
            if j == second.count || (i < first.count && first[i].messageCreated <= second[j].messageCreated) {
                result.append(first[i])
                i += 1
            } else {
                result.append(second[j])
                j += 1
            }
        }
        return result
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
