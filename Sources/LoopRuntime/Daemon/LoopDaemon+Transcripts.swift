import Foundation
import LoopCore
import LoopHarness
import LoopWatch

extension LoopDaemon {
    /// Watches every transcript root that exists; for one that does not (the
    /// harness is not installed yet) it watches the nearest existing parent, so
    /// the root is picked up, without a restart, when it appears.
    func watchTranscriptRoots() {
        guard let watcher else { return }
        for root in options.transcriptRoots where !watchedRoots.contains(root.path) {
            if FileManager.default.fileExists(atPath: root.path) {
                do {
                    // OpenCode's data folder also holds snapshots and logs: only its top level matters.
                    try watcher.watch(directory: root.path, recursive: root.kind != .opencode, filter: nil)
                    watchedRoots.insert(root.path)
                    logger.info("watching transcripts", metadata: ["loop.root": "\(root.path)", "loop.harness": "\(root.kind.rawValue)"])
                    backfill(root)
                } catch {
                    note(error: "cannot watch \(root.path): \(error)")
                }
                continue
            }
            // Watch the nearest existing parent. A folder created between the
            // check and the watch would never be announced, so look again after
            // watching, and move down while the next folder exists.
            var parent = (root.path as NSString).deletingLastPathComponent
            while !FileManager.default.fileExists(atPath: parent) && parent != "/" {
                parent = (parent as NSString).deletingLastPathComponent
            }
            for _ in 0..<16 {
                try? watcher.watch(directory: parent, recursive: false, filter: nil)
                guard let next = Self.child(of: parent, towards: root.path), FileManager.default.fileExists(atPath: next) else { break }
                if next == root.path {
                    watchTranscriptRoots()  // it appeared meanwhile: watch it now
                    return
                }
                parent = next
            }
        }
    }

    /// The folder one level below `parent` on the way to `target`.
    static func child(of parent: String, towards target: String) -> String? {
        let prefix = parent == "/" ? "/" : parent + "/"
        guard target.hasPrefix(prefix) else { return nil }
        guard let component = target.dropFirst(prefix.count).split(separator: "/").first else { return nil }
        return prefix + component
    }

    /// Transcripts already in a root: resume each from its cursor, then compare
    /// the files their agents wrote with the disk.
    func backfill(_ root: TranscriptRoot) {
        if root.kind == .opencode {
            followOpenCode(root, existedAtStart: !startupComplete)
            return
        }
        var resumed = Set<String>()
        for (path, kind) in TranscriptDiscovery.transcripts(in: [root.path]) where root.contains(path) {
            if (try? outbox.cursor(path: path)) ?? nil != nil { resumed.insert(path) }
            // A root that appears after start holds only new transcripts.
            startFollowing(path, kind: kind, existedAtStart: !startupComplete)
        }
        // Files changed while loopd was not running. Only for transcripts an
        // earlier run followed, so first-start history stays history.
        for (file, transcript) in detector.agentWrittenFileSources where resumed.contains(transcript) || backfill {
            workingTreeFileSettled(file)
        }
    }

    func root(of path: String) -> TranscriptRoot? {
        options.transcriptRoots.first { watchedRoots.contains($0.path) && $0.contains(path) }
    }

    func startFollowing(_ path: String, kind: TranscriptKind, existedAtStart: Bool) {
        guard followers[path] == nil else { return }
        let stored = (try? outbox.cursor(path: path)) ?? nil
        var historyEnd: Int64 = 0
        if stored == nil && existedAtStart && !backfill && !operations.hasRunBefore {  // ops: only the very first start has history
            historyEnd = fileIdentity(path: path)?.size ?? 0
        }
        followers[path] = TranscriptFollower(path: path, kind: kind, storedCursor: stored, historyEnd: historyEnd)
        status.transcriptFiles = followers.count
        readTranscript(path)
    }

    /// Decodes the new lines of one transcript and runs them through the detector.
    func readTranscript(_ path: String) {
        guard var follower = followers[path] else { return }
        defer { followers[path] = follower }
        let batch: TranscriptFollower.Batch
        do {
            batch = try follower.readNewLines()
        } catch {
            if error.code == .missing {
                logger.info("transcript removed; forgetting it", metadata: ["loop.file": "\(path)"])
                followers[path] = nil
                try? outbox.deleteCursor(path: path)
                status.transcriptFiles = followers.count
                return
            }
            note(error: "\(error)")
            return
        }
        if let reset = batch.reset {
            logger.notice("transcript \(reset.rawValue); reading it again from the start", metadata: ["loop.file": "\(path)"])
        }
        for issue in follower.takeIssues() {
            logger.warning("skipped an unreadable transcript line: \(issue.message)", metadata: ["loop.file": "\(issue.path)", "loop.line": "\(issue.line)"])
        }
        for (event, replay) in batch.events {
            if case .sessionStarted(let info) = event.kind, event.agentID == nil {
                watchWorkingTree(info.cwd)
            }
            let decisions = detector.ingest(completed(event), now: Date())
            if !replay { record(decisions) }
        }
        // This follower is written back when the function returns, so it is trimmed here.
        if !batch.events.isEmpty, let cutoff = forgetIdleState(except: path),
           let last = follower.lastEventTime, last < cutoff {
            follower.forgetDecoderState()
        }
        if let cursor = follower.cursor, canAdvanceCursors {  // ops: not past an unrecorded lesson
            do { try outbox.saveCursor(cursor) } catch { note(error: "cannot save cursor for \(path): \(error)") }
        }
    }

    /// Forgets sessions idle for `sessionMemory` and the decoder state of their
    /// transcripts, so memory follows recent activity, not the history's size.
    /// Transcripts go idle with their sessions, so they are looked at only when
    /// sessions were forgotten. Returns the idle cutoff then, nil otherwise.
    @discardableResult
    func forgetIdleState(except current: String? = nil) -> Date? {
        guard detector.forgetIdleSessions() > 0, let cutoff = detector.idleCutoff else { return nil }
        for (path, follower) in followers where path != current {
            if let last = follower.lastEventTime, last < cutoff { followers[path]?.forgetDecoderState() }
        }
        return cutoff
    }

    /// An edit recorded without the file's text (Codex) is completed from disk,
    /// where the agent's write has already landed.
    func completed(_ event: NormalizedEvent) -> NormalizedEvent {
        guard case .agentEdited(let edit) = event.kind, edit.after == nil,
              let data = FileManager.default.contents(atPath: edit.file), let text = String(data: data, encoding: .utf8)
        else { return event }
        var completed = event
        completed.kind = .agentEdited(EditCompletion.complete(edit, currentContent: text))
        return completed
    }

    func handleFileEvent(_ event: FileEvent, settler: Settler) async {
        switch event.kind {
        case .overflow:
            logger.warning("inotify queue overflowed; rescanning transcripts")
            for path in followers.keys { readTranscript(path) }
            for path in openCodeReaders.keys { readOpenCode(path) }
            rescanAgentWrittenFiles()  // ops: hand edits lost with the queue (LoopDaemon+Faults.swift)
            for root in options.transcriptRoots where watchedRoots.contains(root.path) {
                for (path, kind) in TranscriptDiscovery.transcripts(in: [root.path]) where followers[path] == nil && root.contains(path) {
                    startFollowing(path, kind: kind, existedAtStart: false)
                }
            }
            return
        case .watchLimitReached:
            watchLimitReached(at: event.path)  // ops: LoopDaemon+Faults.swift
            return
        case .unreadable(let code):
            logger.warning("cannot read directory; skipping it", metadata: ["loop.file": "\(event.path)", "loop.errno": "\(code)"])
            return
        default:
            break
        }
        if isOutboxFile(event.path) {
            if case .modified = event.kind { requestDelivery() }
            return
        }
        if event.isDirectory, options.transcriptRoots.contains(where: { !watchedRoots.contains($0.path) && ($0.path == event.path || $0.path.hasPrefix(event.path + "/")) }) {
            watchTranscriptRoots()  // a harness folder appeared, or a step towards one
            return
        }
        if let root = root(of: event.path), root.kind == .opencode {
            if openCodeReaders[root.databasePath] == nil {
                followOpenCode(root, existedAtStart: false)
            } else {
                readOpenCode(root.databasePath)
            }
            return
        }
        if let root = root(of: event.path) {
            switch event.kind {
            case .created, .modified, .movedTo:
                if followers[event.path] == nil {
                    startFollowing(event.path, kind: root.kind, existedAtStart: false)
                } else {
                    readTranscript(event.path)
                }
            case .deleted, .movedFrom:
                readTranscript(event.path)  // notices the file is gone and forgets it
            default:
                break
            }
            return
        }
        await workingTreeEvent(event, settler: settler)
    }

    func saveCursors() {
        guard canAdvanceCursors else { return }  // ops: see LoopDaemon+RecordingRetry.swift
        for follower in followers.values {
            if let cursor = follower.cursor { try? outbox.saveCursor(cursor) }
        }
    }

    func note(error message: String) {
        status.lastError = message
        logger.error("\(message)")
    }
}
