import Foundation
import LoopCore
import LoopStore

extension LoopDaemon {
    /// Lessons and folds go to the outbox, redacted; dropped candidates only to
    /// the debug log, by reason, never with their text.
    func record(_ decisions: [Decision]) {
        for decision in decisions {
            switch decision.verdict {
            case .dropped(let gate, let reason):
                logger.debug("candidate dropped", metadata: [
                    "loop.gate": "\(gate.rawValue)", "loop.reason": "\(reason)", "loop.signal": "\(decision.candidate.signal.rawValue)",
                    "loop.session.id": "\(decision.candidate.sessionID)",
                ])
            case .lesson, .fold:
                store(decision.candidate)
            }
        }
    }

    private func store(_ candidate: Candidate) {
        guard let key = candidate.debounceKey else { return }
        let now = Date()
        var (lesson, evidence) = synthesizer.synthesize(candidate, id: LessonIDs.generate(now: now), now: now)
        evidence.commit = candidate.cwd.flatMap(GitHead.commit(of:))
        // ops: keep the order of lessons; while older ones wait, newer ones queue behind them.
        retryUnrecorded()
        guard canAdvanceCursors else {
            keepForRetry(lesson, evidence, key: key, sessionID: candidate.sessionID, error: OutboxUnavailable())
            return
        }
        do {
            let result = try outbox.record(candidate: lesson, evidence: evidence, debounceKey: key, actor: .daemon, at: now)
            status.lessonsRecorded += 1
            logger.info("lesson recorded", metadata: [
                "loop.lesson.id": "\(result.lessonID)", "loop.signal": "\(lesson.signal.rawValue)",
                "loop.artifact": "\(lesson.artifact.kind.rawValue):\(lesson.artifact.name)", "loop.session.id": "\(candidate.sessionID)",
            ])
            refreshPendingCount()
        } catch {
            keepForRetry(lesson, evidence, key: key, sessionID: candidate.sessionID, error: error)  // ops: retried, not lost
        }
    }
}

/// Fresh lesson ids: UUIDv7 from the system clock and generator.
enum LessonIDs {
    static func generate(now: Date) -> String {
        var generator = SystemRandomNumberGenerator()
        return UUIDv7.make(at: now, random: (0..<10).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }
}
