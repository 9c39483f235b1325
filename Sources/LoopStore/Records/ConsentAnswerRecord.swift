import Foundation
import GRDB

/// One row of the append-only `consentAnswer` table: this answer was used for this lesson.
struct ConsentAnswerRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "consentAnswer"

    var answerKey: String
    var lessonID: String
    var decision: String
    var sessionID: String
    var transcriptPath: String
    var line: Int
    var recordID: String?
    var gateLine: Int
    var usedAt: Date

    init(_ consent: ChatConsent, lessonID: String, at date: Date) {
        answerKey = consent.answerKey
        self.lessonID = lessonID
        decision = consent.decision.rawValue
        sessionID = consent.sessionID
        transcriptPath = consent.transcriptPath
        line = consent.line
        recordID = consent.recordID
        gateLine = consent.gateLine
        usedAt = date
    }

    enum Columns {
        static let lessonID = Column(CodingKeys.lessonID)
    }
}
