import Foundation
import LoopCore

/// The user's typed answer to one consent gate in a harness chat, as the MCP
/// tool found it in a transcript: consumed by at most one lesson, once
/// (`Outbox.transition(…consuming:)`, the `consentAnswer` table).
public struct ChatConsent: Sendable, Hashable {
    public enum Decision: String, Sendable, Hashable { case send, decline }

    public var decision: Decision
    public var sessionID: String
    public var transcriptPath: String
    /// Line of the answer (0 when the transcript has no lines).
    public var line: Int
    /// The harness's own id of the answer message (Claude's `uuid`), when it has one.
    public var recordID: String?
    /// Line of the gate it answered.
    public var gateLine: Int

    public init(decision: Decision, sessionID: String, transcriptPath: String, line: Int, recordID: String?, gateLine: Int) {
        self.decision = decision
        self.sessionID = sessionID
        self.transcriptPath = transcriptPath
        self.line = line
        self.recordID = recordID
        self.gateLine = gateLine
    }

    /// What identifies the answer: the message id, which a resumed or copied
    /// transcript keeps, else the session and line.
    public var answerKey: String {
        if let recordID, !recordID.isEmpty { return "record:\(recordID)" }
        return "position:\(sessionID):\(line)"
    }
}

/// The answer was already consumed: by another lesson (`lessonID` differs) or,
/// for the same lesson, by an earlier decision.
public struct ConsentAnswerAlreadyUsed: Error, Sendable, Equatable, CustomStringConvertible {
    public var answerKey: String
    /// The lesson that answer consented to.
    public var lessonID: String

    public var description: String {
        "this answer was already used for lesson \(lessonID); one typed answer consents to one lesson once"
    }
}
