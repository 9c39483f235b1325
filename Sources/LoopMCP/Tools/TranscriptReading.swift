import Foundation
import LoopCore

/// One message of a harness chat, as the consent gate needs it: what the
/// agent wrote (where the gate is shown) or what the user typed (the answer).
public struct ChatTurn: Sendable, Hashable {
    public enum Speaker: Sendable, Hashable { case agent, user }

    public var speaker: Speaker
    public var text: String
    public var sessionID: String
    public var transcriptPath: String
    /// Line in the transcript (0 when the format has none).
    public var line: Int
    /// The harness's id of the message (Claude's `uuid`), when it has one.
    public var recordID: String?
    public var at: Date?

    public init(
        speaker: Speaker, text: String, sessionID: String, transcriptPath: String, line: Int,
        recordID: String? = nil, at: Date? = nil
    ) {
        self.speaker = speaker
        self.text = text
        self.sessionID = sessionID
        self.transcriptPath = transcriptPath
        self.line = line
        self.recordID = recordID
        self.at = at
    }
}

/// Reads transcripts for the consent gate. The runtime supplies the harness
/// decoders; LoopMCP itself knows no transcript format. Calls block (they
/// read files): `LessonTools` makes them off the event loop.
public protocol TranscriptReading: Sendable {
    /// The chat in the transcript at `path`, in order: the agent's text and
    /// only what the user typed (not tool results, command expansions or
    /// injected context). Empty when the file does not mention `lessonID`
    /// at all, so a caller can offer many files cheaply.
    func conversation(transcriptPath: String, mentioning lessonID: String) -> [ChatTurn]
    /// The transcript of a session, or nil when unknown.
    func transcriptPath(sessionID: String, harness: Harness) -> String?
    /// The harness's transcripts written to recently, newest first: the
    /// consent gate is usually shown in a later session than the lesson's.
    func recentTranscripts(harness: Harness) -> [String]
}

extension TranscriptReading {
    public func transcriptPath(sessionID: String, harness: Harness) -> String? { nil }
    public func recentTranscripts(harness: Harness) -> [String] { [] }
}
