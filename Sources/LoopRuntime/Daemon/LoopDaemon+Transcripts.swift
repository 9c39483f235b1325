import Foundation
import LoopCore
import LoopHarness
import LoopWatch

extension LoopDaemon {
    /// Watches the projects directory, or, while Claude Code is not installed,
    /// the nearest existing parent, so the directory is picked up when it appears.
    func watchTranscriptRoot() {
        guard let watcher else { return }
        let root = options.claudeProjectsDirectory
        if FileManager.default.fileExists(atPath: root) {
            do {
                try watcher.watch(directory: root, recursive: true, filter: nil)
                projectsWatched = true
            } catch {
                note(error: "cannot watch \(root): \(error)")
            }
            return
        }
        var parent = (root as NSString).deletingLastPathComponent
        while !FileManager.default.fileExists(atPath: parent) && parent != "/" {
            parent = (parent as NSString).deletingLastPathComponent
        }
        do {
            try watcher.watch(directory: parent, recursive: false, filter: nil)
            logger.info("transcript directory not there yet; waiting for it", metadata: ["loop.root": "\(root)", "loop.parent": "\(parent)"])
        } catch {
            note(error: "cannot watch \(parent): \(error)")
        }
    }

    /// Transcripts already on disk at start: resume each from its cursor.
    func backfillExisting() async {
        let root = options.claudeProjectsDirectory
        guard FileManager.default.fileExists(atPath: root) else { return }
        var resumed = Set<String>()
        for path in TranscriptDiscovery.claudeTranscripts(in: [root]) {
            if (try? outbox.cursor(path: path)) ?? nil != nil { resumed.insert(path) }
            startFollowing(path, existedAtStart: true)
        }
        // Files changed while loopd was not running: compare them now. Only for
        // transcripts an earlier run followed, so first-start history stays history.
        for (file, transcript) in detector.agentWrittenFileSources where resumed.contains(transcript) || backfill {
            workingTreeFileSettled(file)
        }
    }

    func isTranscript(_ path: String) -> Bool {
        let root = options.claudeProjectsDirectory
        guard path.hasPrefix(root + "/"), path.hasSuffix(".jsonl") else { return false }
        let components = path.dropFirst(root.count + 1).split(separator: "/")
        return !components.contains("tool-results") && !components.contains("memory")
    }

    func startFollowing(_ path: String, existedAtStart: Bool) {
        guard followers[path] == nil else { return }
        let stored = (try? outbox.cursor(path: path)) ?? nil
        var historyEnd: Int64 = 0
        if stored == nil && existedAtStart && !backfill {
            historyEnd = fileIdentity(path: path)?.size ?? 0
        }
        followers[path] = TranscriptFollower(path: path, storedCursor: stored, historyEnd: historyEnd)
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
            let decisions = detector.ingest(event, now: Date())
            if !replay { record(decisions) }
        }
        if let cursor = follower.cursor {
            do { try outbox.saveCursor(cursor) } catch { note(error: "cannot save cursor for \(path): \(error)") }
        }
    }

    func handleFileEvent(_ event: FileEvent, settler: Settler) async {
        switch event.kind {
        case .overflow:
            logger.warning("inotify queue overflowed; rescanning transcripts")
            for path in followers.keys { readTranscript(path) }
            for path in TranscriptDiscovery.claudeTranscripts(in: [options.claudeProjectsDirectory]) where followers[path] == nil {
                startFollowing(path, existedAtStart: false)
            }
            return
        case .watchLimitReached:
            status.watchLimitReached = true
            note(error: "inotify watch limit reached at \(event.path): raise fs.inotify.max_user_watches")
            return
        case .unreadable(let code):
            logger.warning("cannot read directory; skipping it", metadata: ["loop.file": "\(event.path)", "loop.errno": "\(code)"])
            return
        default:
            break
        }
        if !projectsWatched, !event.isDirectory || event.path.count <= options.claudeProjectsDirectory.count {
            if FileManager.default.fileExists(atPath: options.claudeProjectsDirectory) {
                watchTranscriptRoot()
                await backfillExisting()
                return
            } else if event.isDirectory, options.claudeProjectsDirectory.hasPrefix(event.path + "/") {
                watchTranscriptRoot()  // one level closer: watch it and wait again
                return
            }
        }
        if isTranscript(event.path) {
            switch event.kind {
            case .created, .modified, .movedTo:
                if followers[event.path] == nil { startFollowing(event.path, existedAtStart: false) } else { readTranscript(event.path) }
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
        for follower in followers.values {
            if let cursor = follower.cursor { try? outbox.saveCursor(cursor) }
        }
    }

    func note(error message: String) {
        status.lastError = message
        logger.error("\(message)")
    }
}
