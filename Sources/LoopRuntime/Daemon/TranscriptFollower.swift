import Foundation
import LoopCore
import LoopHarness
import LoopWatch

/// Follows one transcript file: its decoder and its cursor.
struct TranscriptFollower: Sendable {
    let path: String
    let kind: TranscriptKind
    var decoder: any LineDecoder
    var cursor: TailCursor?
    /// Lines before this offset were processed by an earlier run: they are
    /// replayed to rebuild the session's state, but never produce lessons again.
    var replayUntil: Int64
    var replayIdentity: (device: UInt64, inode: UInt64)?

    var reportedIssues = 0
    /// The newest event time read from this file: when it is older than the
    /// detector's idle cutoff, the decoder's state can go (`forgetDecoderState`).
    var lastEventTime: Date?

    /// - Parameters:
    ///   - storedCursor: where an earlier run stopped.
    ///   - historyEnd: for a file that existed before this run and has no cursor,
    ///     its size: history is replayed for state, not turned into lessons
    ///     (unless the user asked for a backfill).
    init(path: String, kind: TranscriptKind, storedCursor: TailCursor?, historyEnd: Int64 = 0) {
        self.path = path
        self.kind = kind
        decoder = kind.decoder(path: path) ?? ClaudeCodeDecoder(path: path)
        cursor = nil
        replayUntil = storedCursor?.offset ?? historyEnd
        replayIdentity = storedCursor.map { ($0.device, $0.inode) }
    }

    struct Batch {
        var events: [(event: NormalizedEvent, replay: Bool)] = []
        var reset: ResetReason?
    }

    /// Reads every complete new line and decodes it.
    mutating func readNewLines() throws(TailError) -> Batch {
        var batch = Batch()
        while true {
            let read = try JSONLTailer.read(path: path, from: cursor, maxBytes: 4 << 20)
            if let reset = read.reset {
                batch.reset = reset
                decoder = kind.decoder(path: path) ?? ClaudeCodeDecoder(path: path)
                replayUntil = 0
            }
            if cursor == nil, let identity = replayIdentity,
               identity.device != read.cursor.device || identity.inode != read.cursor.inode {
                replayUntil = 0  // a different file now has this path: nothing in it was seen before
            }
            for line in read.lines {
                let replay = line.byteOffset < replayUntil
                for event in decoder.decode(line: line.bytes, lineNumber: line.lineNumber, byteOffset: line.byteOffset) {
                    if let time = event.timestamp, time > (lastEventTime ?? .distantPast) { lastEventTime = time }
                    batch.events.append((event, replay))
                }
            }
            cursor = read.cursor
            if !read.hasMore { break }
        }
        return batch
    }

    /// Drops what the decoder remembers (tool calls, texts seen) for a file idle
    /// long enough that its session was forgotten; the cursor stays, so a line
    /// appended later is decoded by a fresh decoder and starts the session anew.
    mutating func forgetDecoderState() {
        decoder = kind.decoder(path: path) ?? ClaudeCodeDecoder(path: path)
        reportedIssues = 0
        lastEventTime = nil
    }

    /// Issues the decoder collected since the last call (bad lines), for the log.
    mutating func takeIssues() -> [DecodeIssue] {
        let new = Array(decoder.issues.dropFirst(reportedIssues))
        reportedIssues = decoder.issues.count
        return new
    }
}
