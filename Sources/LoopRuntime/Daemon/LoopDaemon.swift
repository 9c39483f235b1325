import Foundation
import LoopCore
import LoopHarness
import LoopStore
import LoopWatch
import Logging
import LoopScheduling

/// The daemon's pipeline: transcripts and working trees in, lessons out.
/// One actor, fed by one merged stream of inputs, so state changes happen in
/// arrival order without locks.
public actor LoopDaemon {
    let options: DaemonOptions
    let outbox: Outbox
    let logger: Logger
    let notifier: SystemdNotifier
    let synthesizer: LessonSynthesizer
    let backfill: Bool

    var detector: Detector
    var followers: [String: TranscriptFollower] = [:]
    var watchedTrees: Set<String> = []
    var status: DaemonStatus
    var tickTask: Task<Void, Never>?
    var scheduledTick: Date?
    var inputs: AsyncStream<DaemonInput>.Continuation?
    var watcher: InotifyWatcher?
    /// Transcript roots being watched; the others are waited for.
    var watchedRoots: Set<String> = []
    /// OpenCode databases being read, by path, and where each was read up to.
    var openCodeReaders: [String: OpenCodeDatabaseReader] = [:]
    var openCodeCursors: [String: OpenCodeCursor] = [:]
    var lastWrittenStatus: DaemonStatus?
    var delivering = false
    /// Set once the roots present at start have been read: anything found later is new.
    var startupComplete = false
    var deliverAgain = false
    /// A `.delivery` input is waiting in the stream (see requestDelivery()).
    var deliveryQueued = false
    var deliveryTimer: Task<Void, Never>?
    /// ops: watchdog, STATUS= line and recording retries (DaemonOperations.swift).
    var operations = DaemonOperations()

    public init(options: DaemonOptions, outbox: Outbox, logger: Logger, notifier: SystemdNotifier, backfill: Bool = false) throws {
        self.options = options
        self.outbox = outbox
        self.logger = logger
        self.notifier = notifier
        self.backfill = backfill
        synthesizer = LessonSynthesizer(
            redactor: options.redactor, client: .init(name: "loopd", version: options.clientVersion))
        detector = Detector(config: options.detector, debounced: Set(try outbox.debounceKeys().map(\.key)))
        status = DaemonStatus(
            pid: getpid(), startedAt: ISO8601.string(Date()), version: options.clientVersion,
            transcriptRoots: options.transcriptRoots.map(\.path), transcriptFiles: 0, workingTrees: [],
            lessonsRecorded: 0, lastError: nil, watchLimitReached: false)
    }

    /// Runs until the surrounding task is cancelled (SIGTERM/SIGINT), then
    /// flushes cursors and returns.
    public func run() async throws {
        let watcher = try InotifyWatcher()
        self.watcher = watcher
        let settler = Settler(delay: options.settle)
        let (stream, continuation) = AsyncStream.makeStream(of: DaemonInput.self)
        inputs = continuation
        let forwarders = [
            Task { for await event in watcher.events { continuation.yield(.file(event)) } },
            Task { for await path in settler.settled { continuation.yield(.settled(path)) } },
        ]
        prepareOperations(into: continuation)  // ops: watchdog, first-start marker (LoopDaemon+Watchdog.swift)
        defer {
            stopWatchdog()
            operations.retryTimer?.cancel()
            forwarders.forEach { $0.cancel() }
            tickTask?.cancel()
            deliveryTimer?.cancel()
            watcher.close()
        }

        watchTranscriptRoots()
        startupComplete = true
        watchOutbox()
        // MCP endpoint (issue 7): after the transcripts are read, so tools see the backfilled state.
        let mcp = startMCPEndpoint()
        writeStatus()
        refreshPendingCount()
        operations.lastStatusLine = statusLine
        notifier.ready(status: statusLine)
        continuation.yield(.delivery)
        logger.info("loopd ready", metadata: ["loop.transcripts": "\(followers.count)", "loop.roots": "\(watchedRoots.sorted().joined(separator: ","))"])

        await withTaskCancellationHandler {
            for await input in stream {
                await handle(input, settler: settler)
            }
        } onCancel: {
            continuation.finish()
        }
        notifier.stopping()
        if !operations.unrecorded.isEmpty {
            // ops: their transcripts' cursors were held back, so the next start finds them again.
            note(error: "\(operations.unrecorded.count) lessons could not be recorded before stopping; they will be detected again at the next start")
        }
        await mcp?.stop()  // MCP endpoint (issue 7)
        saveCursors()
        writeStatus()
        logger.info("loopd stopped; cursors saved")
    }

    func handle(_ input: DaemonInput, settler: Settler) async {
        switch input {
        case .file(let event):
            await handleFileEvent(event, settler: settler)
        case .settled(let path):
            workingTreeFileSettled(path)
        case .tick:
            scheduledTick = nil
            record(detector.tick(now: Date()))
        case .delivery:
            deliveryQueued = false
            await deliver()
            refreshPendingCount()
        case .watchdog:
            handleWatchdog()
        case .retryRecording:
            handleRecordingRetry()
        }
        scheduleTick()
        writeStatus()
        publishStatusLine()  // ops: STATUS= only when the line changed
    }

    /// Rewrites status.json when something in it changed.
    func writeStatus() {
        guard status != lastWrittenStatus else { return }
        do {
            try status.write(runtimeDirectory: options.runtimeDirectory)
            lastWrittenStatus = status
        } catch {
            logger.warning("cannot write status file: \(error)")
        }
    }

    /// Sleeps until the detector's next deadline; no timer runs when nothing waits.
    func scheduleTick() {
        guard let deadline = detector.nextDeadline else { return }
        if let scheduled = scheduledTick, scheduled <= deadline { return }
        tickTask?.cancel()
        scheduledTick = deadline
        tickTask = yield(.tick, at: deadline, slack: .milliseconds(1))
    }

    /// The same, at `deadline` plus `slack` (so that the work is due when the input arrives).
    func yield(_ input: DaemonInput, at deadline: Date, slack: Duration) -> Task<Void, Never> {
        yield(input, after: .milliseconds(Int(max(0, deadline.timeIntervalSinceNow) * 1000)) + slack)
    }

    /// A task that feeds `input` to the actor's stream after `delay`, unless
    /// cancelled first: the daemon's timers (tick, delivery, recording retry).
    func yield(_ input: DaemonInput, after delay: Duration) -> Task<Void, Never> {
        let continuation = inputs
        return Task {
            try? await EventLoopSleep.sleep(for: delay)
            if !Task.isCancelled { continuation?.yield(input) }
        }
    }
}
