import Foundation
import LoopCore
import LoopHarness
import LoopStore
import LoopWatch
import Logging

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
    var lastWrittenStatus: DaemonStatus?

    public init(options: DaemonOptions, outbox: Outbox, logger: Logger, notifier: SystemdNotifier, backfill: Bool = false) throws {
        self.options = options
        self.outbox = outbox
        self.logger = logger
        self.notifier = notifier
        self.backfill = backfill
        synthesizer = LessonSynthesizer(
            redactor: Redactor(context: options.redaction), client: .init(name: "loopd", version: options.clientVersion))
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
        defer {
            forwarders.forEach { $0.cancel() }
            tickTask?.cancel()
            watcher.close()
        }

        watchTranscriptRoots()
        // MCP endpoint (issue 7): after the transcripts are read, so tools see the backfilled state.
        let mcp = startMCPEndpoint()
        writeStatus()
        notifier.ready(status: statusLine)
        logger.info("loopd ready", metadata: ["loop.transcripts": "\(followers.count)", "loop.roots": "\(watchedRoots.sorted().joined(separator: ","))"])

        await withTaskCancellationHandler {
            for await input in stream {
                await handle(input, settler: settler)
            }
        } onCancel: {
            continuation.finish()
        }
        notifier.stopping()
        await mcp?.stop()  // MCP endpoint (issue 7)
        saveCursors()
        writeStatus()
        logger.info("loopd stopped; cursors saved")
    }

    var statusLine: String {
        "watching \(followers.count) transcripts, \(watchedTrees.count) working trees, \(status.lessonsRecorded) lessons recorded"
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
        }
        scheduleTick()
        writeStatus()
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
        let continuation = inputs
        tickTask = Task {
            let wait = max(0, deadline.timeIntervalSinceNow)
            try? await Task.sleep(for: .milliseconds(Int(wait * 1000) + 1))
            if !Task.isCancelled { continuation?.yield(.tick) }
        }
    }
}
