/// How far `OpenCodeDatabaseReader` has read, per table. Codable so the daemon
/// can persist it as JSON between runs.
///
/// `time_updated` is in milliseconds and many rows share one value, and a row
/// can be written in the same millisecond after a read. So the next read asks
/// for `time_updated >= time` again and skips only the ids already read at
/// exactly that time; anything else at that time is new.
public struct OpenCodeCursor: Codable, Sendable, Hashable {
    public var sessions: OpenCodeTableCursor
    public var messages: OpenCodeTableCursor
    public var parts: OpenCodeTableCursor

    public init(
        sessions: OpenCodeTableCursor = .init(), messages: OpenCodeTableCursor = .init(),
        parts: OpenCodeTableCursor = .init()
    ) {
        self.sessions = sessions
        self.messages = messages
        self.parts = parts
    }
}

public struct OpenCodeTableCursor: Codable, Sendable, Hashable {
    /// The largest `time_updated` read so far (epoch ms); -1 before the first read.
    public var time: Int64
    /// Ids of the rows read whose `time_updated` equals `time`.
    public var idsAtTime: Set<String>

    public init(time: Int64 = -1, idsAtTime: Set<String> = []) {
        self.time = time
        self.idsAtTime = idsAtTime
    }

    /// True when a row with this id and time was not read yet.
    func isNew(id: String, time rowTime: Int64) -> Bool {
        rowTime > time || (rowTime == time && !idsAtTime.contains(id))
    }

    /// The cursor after reading these rows (all from a `time_updated >= time` query).
    func advanced(by rows: [(id: String, time: Int64)]) -> OpenCodeTableCursor {
        var next = self
        for row in rows {
            if row.time > next.time {
                next.time = row.time
                next.idsAtTime = [row.id]
            } else if row.time == next.time {
                next.idsAtTime.insert(row.id)
            }
        }
        return next
    }
}
