import GRDB

/// The rows one `OpenCodeDatabaseReader.readNew` call reads: everything
/// changed since the cursor in each table the database has, plus the older
/// rows those need as context.
struct OpenCodeDatabaseBatch {
    /// V1 `session` and V2 `session_v2` rows (a session 2.0 copied is in both, same id).
    var sessions: [OpenCodeDatabaseRow] = []
    var messages: [OpenCodeDatabaseRow] = []
    var parts: [OpenCodeDatabaseRow] = []
    /// V2 `session_message` rows.
    var sessionMessages: [OpenCodeDatabaseRow] = []
    /// Rows older than the cursor that new rows need: the session of a new
    /// message, the message of a new part (when the reader has not seen them).
    var context: [OpenCodeDatabaseRow] = []
    var contextMessages: [OpenCodeDatabaseRow] = []
    /// Messages of this batch whose copy in the other layout was read before
    /// the cursor (by this reader or an earlier process): that layout has them.
    var claimedBefore: [String: OpenCodeMessageClaims.Layout] = [:]
    /// Sessions of this batch whose row in the other layout was read before the cursor.
    var announcedBefore: Set<String> = []

    /// `knowsMessage`/`knowsSession`: whether the reader already decoded that
    /// message or session (then no context row is fetched for it).
    static func fetch(
        _ db: Database, schema: OpenCodeDatabaseSchema, cursor: OpenCodeCursor,
        knowsMessage: (String) -> Bool, knowsSession: (String) -> Bool
    ) throws -> OpenCodeDatabaseBatch {
        typealias Queries = OpenCodeDatabaseQueries
        var batch = OpenCodeDatabaseBatch()
        if schema.hasV1 {
            batch.sessions = try Queries.sessions(db, schema: schema, since: cursor.sessions.time).filter(cursor.sessions.isNew)
            batch.messages = try Queries.messages(db, since: cursor.messages.time).filter(cursor.messages.isNew)
            batch.parts = try Queries.parts(db, since: cursor.parts.time).filter(cursor.parts.isNew)
        }
        if schema.hasV2 {
            batch.sessions += try Queries.sessions(db, schema: schema, table: .sessionV2, since: cursor.sessionsV2.time)
                .filter(cursor.sessionsV2.isNew)
            batch.sessionMessages = try Queries.sessionMessages(db, since: cursor.sessionMessages.time)
                .filter(cursor.sessionMessages.isNew)
        }

        let batchMessages = Set(batch.messages.map(\.id))
        let missingMessages = Set(batch.parts.map(\.messageID)).filter { !batchMessages.contains($0) && !knowsMessage($0) }
        batch.contextMessages = try Queries.messages(db, ids: missingMessages.sorted())

        let batchSessions = Set(batch.sessions.map(\.id))
        let touched = Set((batch.messages + batch.parts + batch.contextMessages + batch.sessionMessages).map(\.sessionID))
        let missingSessions = touched.filter { !batchSessions.contains($0) && !knowsSession($0) }.sorted()
        if schema.hasV1 { batch.context = try Queries.sessions(db, schema: schema, ids: missingSessions) }
        if schema.hasV2 { batch.context += try Queries.sessions(db, schema: schema, table: .sessionV2, ids: missingSessions) }
        if schema.hasV1 && schema.hasV2 { try batch.findClaimsBefore(db, schema: schema, cursor: cursor) }
        return batch
    }

    /// OpenCode 2.0 copies 1.x sessions and messages into its tables under the
    /// same ids. A copy whose original the cursor has passed was decoded then
    /// (and the other way round), even by a reader that no longer runs: say
    /// so, so the copy is not decoded again (e.g. a cursor saved before V2 was
    /// read has no V2 position, and every V2 row looks new).
    private mutating func findClaimsBefore(_ db: Database, schema: OpenCodeDatabaseSchema, cursor: OpenCodeCursor) throws {
        typealias Queries = OpenCodeDatabaseQueries
        func ids(_ rows: [OpenCodeDatabaseRow], read table: OpenCodeTableCursor) -> Set<String> {
            Set(rows.filter { !table.isNew($0) }.map(\.id))
        }
        let v1Sessions = sessions.filter { $0.table == .session }.map(\.id)
        let v2Sessions = sessions.filter { $0.table == .sessionV2 }.map(\.id)
        announcedBefore = ids(try Queries.sessions(db, schema: schema, ids: v2Sessions), read: cursor.sessions)
            .union(ids(try Queries.sessions(db, schema: schema, table: .sessionV2, ids: v1Sessions), read: cursor.sessionsV2))

        for id in ids(try Queries.messages(db, ids: sessionMessages.map(\.id)), read: cursor.messages) {
            claimedBefore[id] = .v1
        }
        let v1Messages = Set(messages.map(\.id) + parts.map(\.messageID)).subtracting(claimedBefore.keys).sorted()
        // When both copies were read, which one was decoded is unknown: leave it to this read.
        let readInV1 = ids(try Queries.messages(db, ids: v1Messages), read: cursor.messages)
        for id in ids(try Queries.sessionMessages(db, ids: v1Messages), read: cursor.sessionMessages).subtracting(readInV1) {
            claimedBefore[id] = .v2
        }
    }

    /// The cursor after reading this batch.
    func advance(_ cursor: OpenCodeCursor) -> OpenCodeCursor {
        func marks(_ rows: [OpenCodeDatabaseRow]) -> [(id: String, time: Int64, fingerprint: UInt64)] {
            rows.map { ($0.id, $0.timeUpdated, $0.fingerprint) }
        }
        var next = cursor
        next.sessions = cursor.sessions.advanced(by: marks(sessions.filter { $0.table == .session }))
        next.messages = cursor.messages.advanced(by: marks(messages))
        next.parts = cursor.parts.advanced(by: marks(parts))
        next.sessionsV2 = cursor.sessionsV2.advanced(by: marks(sessions.filter { $0.table == .sessionV2 }))
        next.sessionMessages = cursor.sessionMessages.advanced(by: marks(sessionMessages))
        return next
    }
}

extension OpenCodeTableCursor {
    /// True when this row (id, time and content) was not read yet.
    func isNew(_ row: OpenCodeDatabaseRow) -> Bool {
        isNew(id: row.id, time: row.timeUpdated, fingerprint: row.fingerprint)
    }
}
