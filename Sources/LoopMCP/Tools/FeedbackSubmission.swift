import Foundation
import LoopCore

/// Explicit feedback from a tool call, turned into a candidate by the very
/// detector that handles `/harness-feedback` in transcripts, so it meets the
/// same gates (attribution, tracked artifacts) and the same synthesizer.
struct FeedbackSubmission: Sendable {
    var harness: Harness
    var sessionID: String
    var artifact: ArtifactRef
    var text: String
    var file: String?
    var transcriptPath: String?
    var at: Date

    /// The candidate the detector makes of it; nil for empty text; throws when
    /// a gate drops it (e.g. an instructions file the configuration does not track).
    func candidate(config: DetectorConfig) throws -> Candidate? {
        var detector = Detector(config: config)
        let position = TranscriptPosition(
            path: transcriptPath ?? "", line: 0, byteOffset: 0, recordID: "mcp-feedback-\(UUID().uuidString.lowercased())")
        func event(_ kind: NormalizedEvent.Kind) -> NormalizedEvent {
            NormalizedEvent(harness: harness, sessionID: sessionID, timestamp: at, position: position, kind: kind)
        }
        _ = detector.ingest(event(.sessionStarted(SessionInfo(cwd: ""))), now: at)
        let words = text.trimmingCharacters(in: .whitespacesAndNewlines)
        // The detector reads a leading `kind:name` as the artifact; a name with
        // spaces cannot be written that way, so it is activated first instead.
        let decisions: [Decision]
        if artifact.name.contains(where: \.isWhitespace) && artifact.kind != .agent {
            _ = detector.ingest(event(.artifactActivated(artifact)), now: at)
            decisions = detector.ingest(event(.feedback(words)), now: at)
        } else {
            decisions = detector.ingest(event(.feedback("\(artifact.kind.rawValue):\(artifact.name) \(words)")), now: at)
        }
        guard let decision = decisions.first else { return nil }
        switch decision.verdict {
        case .lesson, .fold:
            return words.isEmpty ? nil : decision.candidate
        case .dropped(_, let reason):
            throw ToolError(.dropped, "feedback_submit: not recorded: \(reason)")
        }
    }
}
