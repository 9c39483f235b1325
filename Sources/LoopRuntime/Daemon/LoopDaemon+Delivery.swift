import Foundation
import LoopCore
import LoopStore

/// Sending approved lessons in the background and expiring old pending ones.
/// Woken by the outbox's own file changing (another process approved
/// something) and by a timer set to the next retry or expiry — never by polling.
extension LoopDaemon {
    func watchOutbox() {
        guard let watcher else { return }
        let directory = (options.outboxPath as NSString).deletingLastPathComponent
        do { try watcher.watch(directory: directory, recursive: false, filter: nil) } catch {
            note(error: "cannot watch the outbox folder \(directory): \(error)")
        }
    }

    /// Queues one delivery pass. Every write to the outbox (loopd's own lesson
    /// included) modifies its WAL several times; one queued pass covers them all.
    func requestDelivery() {
        guard !deliveryQueued else { return }
        deliveryQueued = true
        inputs?.yield(.delivery)
    }

    func isOutboxFile(_ path: String) -> Bool {
        path == options.outboxPath || path == options.outboxPath + "-wal"
    }

    func deliver() async {
        guard !delivering else {
            deliverAgain = true
            return
        }
        delivering = true
        defer { delivering = false }
        repeat {
            deliverAgain = false
            let actions = LessonActions(outbox: outbox, redactor: synthesizer.redactor)
            if let expired = try? actions.expire(olderThan: options.expireAfter, actor: .daemon), !expired.isEmpty {
                logger.info("expired pending lessons", metadata: ["loop.count": "\(expired.count)"])
            }
            guard let paths = options.paths, let settings = try? LoopSettings.load(paths: paths),
                  case .success(let client) = HubCredentials(paths: paths).client(settings: settings) else { break }
            let sender = Sender(actions: actions, client: client, actor: .daemon)
            for report in await sender.sendDue() {
                logger.info("delivery", metadata: ["loop.lesson.id": "\(report.id)", "loop.outcome": "\(report.outcome)"])
            }
        } while deliverAgain
        scheduleDelivery()
    }

    /// Sleeps until the next retry, expiry or end of another sender's claim
    /// (should that sender die mid-send), whichever comes first.
    func scheduleDelivery() {
        let retry = (try? outbox.nextRetry()) ?? nil
        let expiry = ((try? outbox.oldestPendingRecordedAt()) ?? nil).map { $0.addingTimeInterval(options.expireAfter) }
        let claim = (try? outbox.nextSendClaimExpiry()) ?? nil
        guard let deadline = [retry, expiry, claim].compactMap({ $0 }).min() else { return }
        deliveryTimer?.cancel()
        deliveryTimer = yield(.delivery, at: deadline, slack: .milliseconds(5))
    }
}
