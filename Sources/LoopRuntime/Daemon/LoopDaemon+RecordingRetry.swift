import Foundation
import LoopCore
import LoopStore

/// When the outbox refuses a write (disk full, read-only state directory,
/// another process holding the lock past the busy timeout) the decision is not
/// dropped: the synthesized lesson waits here and is retried with backoff and
/// before any newer lesson, until the outbox takes it.
///
/// While anything waits, transcript cursors are not saved: if loopd dies
/// before the retry succeeds, the next start reads those lines again as live
/// and finds the correction again (recording is idempotent, so lessons that
/// did get stored are not duplicated).
extension LoopDaemon {
    func keepForRetry(_ lesson: Lesson, _ evidence: Evidence, key: DebounceKey, sessionID: String, error: any Error) {
        operations.unrecorded.append(UnrecordedLesson(
            lesson: lesson, evidence: evidence, debounceKey: key, sessionID: sessionID, firstFailure: Date()))
        note(error: "cannot record a lesson (kept in memory, retrying): \(error)")
        scheduleRecordingRetry()
    }

    /// Tries every waiting lesson in order; stops at the first failure (the
    /// condition has not cleared) and waits longer before the next attempt.
    func retryUnrecorded() {
        guard !operations.unrecorded.isEmpty else { return }
        while let next = operations.unrecorded.first {
            do {
                let result = try outbox.record(
                    candidate: next.lesson, evidence: next.evidence, debounceKey: next.debounceKey, actor: .daemon)
                operations.unrecorded.removeFirst()
                status.lessonsRecorded += 1
                logger.notice("lesson recorded after the outbox recovered", metadata: [
                    "loop.lesson.id": "\(result.lessonID)", "loop.session.id": "\(next.sessionID)",
                    "loop.delay.s": "\(Int(Date().timeIntervalSince(next.firstFailure)))",
                ])
            } catch {
                operations.failedRetries += 1
                logger.warning("outbox still refuses writes; will retry", metadata: [
                    "loop.waiting": "\(operations.unrecorded.count)", "loop.error": "\(error)",
                ])
                scheduleRecordingRetry()
                return
            }
        }
        operations.failedRetries = 0
        operations.retryTimer?.cancel()
        operations.retryTimer = nil
        refreshPendingCount()
        // The backlog is stored: the cursors held back meanwhile can advance now.
        saveCursors()
    }

    func scheduleRecordingRetry() {
        guard operations.retryTimer == nil || operations.retryTimer?.isCancelled == true else { return }
        operations.retryTimer = yield(.retryRecording, after: operations.retryDelay)
    }

    /// A retry is due: clear the timer so a failure can schedule the next one.
    func handleRecordingRetry() {
        operations.retryTimer = nil
        retryUnrecorded()
    }

    /// Cursors may be saved only when every decision before them is stored.
    var canAdvanceCursors: Bool { operations.unrecorded.isEmpty }
}
