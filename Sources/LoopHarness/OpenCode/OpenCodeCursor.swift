/// How far `OpenCodeDatabaseReader` has read, per table. Codable so the daemon
/// can persist it as JSON between runs.
///
/// `time_updated` is in milliseconds and many rows share one value, and a row
/// can be rewritten in the same millisecond after a read (a tool part going
/// from running to completed). So the next read asks for `time_updated >= time`
/// again and skips only rows read at exactly that time *with the same content*
/// (a fingerprint of their data); anything else at that time is new.
public struct OpenCodeCursor: Codable, Sendable, Hashable {
    public var sessions: OpenCodeTableCursor
    public var messages: OpenCodeTableCursor
    public var parts: OpenCodeTableCursor
    /// OpenCode 2.0's tables `session_v2` and `session_message`.
    public var sessionsV2: OpenCodeTableCursor
    public var sessionMessages: OpenCodeTableCursor

    public init(
        sessions: OpenCodeTableCursor = .init(), messages: OpenCodeTableCursor = .init(),
        parts: OpenCodeTableCursor = .init(), sessionsV2: OpenCodeTableCursor = .init(),
        sessionMessages: OpenCodeTableCursor = .init()
    ) {
        self.sessions = sessions
        self.messages = messages
        self.parts = parts
        self.sessionsV2 = sessionsV2
        self.sessionMessages = sessionMessages
    }

    /// A cursor persisted before V2 tables were read has no V2 keys: those
    /// start from the beginning.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        sessions = try container.decodeIfPresent(OpenCodeTableCursor.self, forKey: .sessions) ?? .init()
        messages = try container.decodeIfPresent(OpenCodeTableCursor.self, forKey: .messages) ?? .init()
        parts = try container.decodeIfPresent(OpenCodeTableCursor.self, forKey: .parts) ?? .init()
        sessionsV2 = try container.decodeIfPresent(OpenCodeTableCursor.self, forKey: .sessionsV2) ?? .init()
        sessionMessages = try container.decodeIfPresent(OpenCodeTableCursor.self, forKey: .sessionMessages) ?? .init()
    }
}

public struct OpenCodeTableCursor: Codable, Sendable, Hashable {
    /// The largest `time_updated` read so far (epoch ms); -1 before the first read.
    public var time: Int64
    /// The rows read whose `time_updated` equals `time`: id → content fingerprint.
    public var seenAtTime: [String: UInt64]

    public init(time: Int64 = -1, seenAtTime: [String: UInt64] = [:]) {
        self.time = time
        self.seenAtTime = seenAtTime
    }

    /// True when this row (id, time and content) was not read yet.
    func isNew(id: String, time rowTime: Int64, fingerprint: UInt64) -> Bool {
        rowTime > time || (rowTime == time && seenAtTime[id] != fingerprint)
    }

    /// The cursor after reading these rows (all from a `time_updated >= time` query).
    func advanced(by rows: [(id: String, time: Int64, fingerprint: UInt64)]) -> OpenCodeTableCursor {
        var next = self
        for row in rows {
            if row.time > next.time {
                next.time = row.time
                next.seenAtTime = [row.id: row.fingerprint]
            } else if row.time == next.time {
                next.seenAtTime[row.id] = row.fingerprint
            }
        }
        return next
    }

    /// FNV-1a over the row's text: stable across processes (unlike `Hasher`),
    /// so a persisted cursor still matches after a restart.
    static func fingerprint(_ texts: String?...) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for text in texts {
            for byte in (text ?? "\u{0}").utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
            hash ^= 0xff
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
