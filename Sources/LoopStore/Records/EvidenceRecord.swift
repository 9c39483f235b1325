import Foundation
import GRDB
import LoopCore

/// One row of the append-only `lessonEvidence` table (UPDATE and DELETE are
/// refused by triggers). `before`/`after` arrive already redacted.
struct EvidenceRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "lessonEvidence"

    var id: Int64?
    var lessonID: String
    var signal: Signal
    var sessionID: String
    var transcriptPath: String
    var line: Int
    var byteOffset: Int64
    var recordID: String?
    // `commit`, `before` and `after` are SQL keywords: the columns say what they hold instead.
    var gitCommit: String?
    var file: String?
    var beforeText: String
    var afterText: String
    var note: String
    var observedAt: Date
    // Added by v6: nil in older rows.
    var agentClaim: String?
    var scoreExplanation: String?

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let lessonID = Column(CodingKeys.lessonID)
    }

    init(_ evidence: Evidence, lessonID: String) {
        id = nil
        self.lessonID = lessonID
        signal = evidence.signal
        sessionID = evidence.sessionID
        transcriptPath = evidence.transcriptPath
        line = evidence.line
        byteOffset = evidence.byteOffset
        recordID = evidence.recordID
        gitCommit = evidence.commit
        file = evidence.file
        beforeText = evidence.before
        afterText = evidence.after
        note = evidence.note
        observedAt = evidence.observedAt
        agentClaim = evidence.agentClaim
        scoreExplanation = evidence.scoreExplanation
    }

    var evidence: Evidence {
        Evidence(
            signal: signal, sessionID: sessionID, transcriptPath: transcriptPath, line: line,
            byteOffset: byteOffset, recordID: recordID, commit: gitCommit, file: file,
            before: beforeText, after: afterText, note: note, observedAt: observedAt,
            agentClaim: agentClaim, scoreExplanation: scoreExplanation)
    }

    /// The same observation seen again (a daemon replaying lines after a crash
    /// before its cursor was saved): same place in the same transcript, same change.
    func isSameObservation(as other: EvidenceRecord) -> Bool {
        signal == other.signal && sessionID == other.sessionID && transcriptPath == other.transcriptPath
            && line == other.line && byteOffset == other.byteOffset && recordID == other.recordID
            && file == other.file && beforeText == other.beforeText && afterText == other.afterText
    }
}
