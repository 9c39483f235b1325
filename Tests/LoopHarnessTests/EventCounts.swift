import LoopCore

/// Event tallies by kind, shared by every decoder's fixture tests.
struct EventCounts {
    var sessionStarts = 0, edits = 0, userMessages = 0, agentMessages = 0
    var rejections = 0, interrupts = 0, rollbacks = 0, userEdits = 0, feedback = 0
    var artifacts: [ArtifactKind: Int] = [:]

    init(_ events: [NormalizedEvent]) {
        for event in events {
            switch event.kind {
            case .sessionStarted: sessionStarts += 1
            case .agentEdited: edits += 1
            case .userMessage: userMessages += 1
            case .agentMessage: agentMessages += 1
            case .toolRejected: rejections += 1
            case .interrupted: interrupts += 1
            case .rolledBack: rollbacks += 1
            case .userEditedFile: userEdits += 1
            case .feedback: feedback += 1
            case .artifactActivated(let ref), .primaryAgent(let ref): artifacts[ref.kind, default: 0] += 1
            }
        }
    }
}
