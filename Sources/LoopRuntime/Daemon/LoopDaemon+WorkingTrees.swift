import Foundation
import LoopCore
import LoopWatch

extension LoopDaemon {
    /// Starts watching a session's working directory (once per directory).
    func watchWorkingTree(_ cwd: String) {
        guard !cwd.isEmpty, !watchedTrees.contains(cwd), let watcher else { return }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: cwd, isDirectory: &isDirectory), isDirectory.boolValue else {
            logger.info("session directory not found; not watching it", metadata: ["loop.cwd": "\(cwd)"])
            return
        }
        watchedTrees.insert(cwd)
        do {
            try watcher.watch(directory: cwd, recursive: true, filter: WorkingTreeFilter(root: cwd).pathFilter)
            status.workingTrees = watchedTrees.sorted()
            logger.info("watching working tree", metadata: ["loop.cwd": "\(cwd)"])
        } catch where error.code == .watchLimitReached {
            watchLimitReached(at: cwd)  // ops: keep going with what is watched
        } catch {
            note(error: "cannot watch working tree \(cwd): \(error)")
        }
    }

    /// A file in a working tree changed: if the agent wrote it, wait for the
    /// writes to settle, then read it.
    func workingTreeEvent(_ event: FileEvent, settler: Settler) async {
        guard !event.isDirectory else { return }
        switch event.kind {
        case .modified(closeWrite: _), .movedTo, .created, .deleted:
            guard detector.agentWrittenFiles.contains(event.path) else { return }
            // With no settle time, judge now: a trip through the settler's stream costs two task hops.
            if options.settle == .zero {
                workingTreeFileSettled(event.path)
            } else {
                await settler.touch(event.path)
            }
        default:
            return
        }
    }

    func workingTreeFileSettled(_ path: String) {
        guard FileManager.default.fileExists(atPath: path) else {
            record(detector.fileDeleted(path: path, now: Date()))
            return
        }
        guard let data = FileManager.default.contents(atPath: path) else { return }
        guard let content = String(data: data, encoding: .utf8) else {
            logger.debug("file is not UTF-8 text; not compared", metadata: ["loop.file": "\(path)"])
            return
        }
        record(detector.fileChanged(path: path, content: content, now: Date()))
    }
}
