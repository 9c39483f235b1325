import Foundation

extension Detector {
    /// Runs gates 2–4 on a candidate that already passed gate 1 (a strong signal).
    /// `iteration` is the reason the user's words read as iteration, if they do.
    mutating func gate(_ candidate: Candidate, iteration: String? = nil) -> Decision {
        if let iteration {
            return Decision(candidate: candidate, verdict: .dropped(.iteration, reason: "iteration, not a defect: \(iteration)"))
        }
        guard let artifact = candidate.artifact else {
            return Decision(candidate: candidate, verdict: .dropped(
                .attribution, reason: "no skill, command, subagent or tracked instructions file produced this output"))
        }
        guard config.isTracked(artifact) else {
            return Decision(candidate: candidate, verdict: .dropped(
                .attribution, reason: "\(artifact.kind.rawValue) \(artifact.name) is not tracked by the configuration"))
        }
        let key = DebounceKey(harness: candidate.harness, sessionID: candidate.sessionID, artifact: artifact)
        if debounced.contains(key) {
            return Decision(candidate: candidate, verdict: .fold)
        }
        debounced.insert(key)
        return Decision(candidate: candidate, verdict: .lesson)
    }

    func dropped(_ candidate: Candidate, _ gate: Gate, _ reason: String) -> Decision {
        Decision(candidate: candidate, verdict: .dropped(gate, reason: reason))
    }

    func candidate(
        _ signal: Signal, session: SessionState, artifact: ArtifactRef?, position: TranscriptPosition,
        file: String? = nil, before: String, after: String, userText: String? = nil,
        changedFraction: Double? = nil, note: String, now: Date
    ) -> Candidate {
        Candidate(
            harness: session.harness, harnessVersion: session.info?.harnessVersion, sessionID: session.sessionID,
            signal: signal, artifact: artifact, position: position, file: file, cwd: session.info?.cwd,
            before: before, after: after, userText: userText, changedFraction: changedFraction, note: note,
            observedAt: now)
    }
}
