import Foundation
import Glibc
import LoopTestSupport
import Testing
@testable import LoopWatch

@Suite struct InotifyWatcherTests {
    func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    @Test func reportsCreateModifyAndDelete() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let watcher = try InotifyWatcher()
        defer { watcher.close() }
        try watcher.watch(directory: dir.path, recursive: false)
        let events = await StreamRecorder.start(watcher.events)
        let file = dir.path + "/session.jsonl"

        try write("{}\n", to: file)
        #expect(await events.first { $0.path == file && $0.kind == .created } != nil)
        #expect(await events.first { $0.path == file && $0.kind == .modified(closeWrite: true) } != nil)

        try FileManager.default.removeItem(atPath: file)
        let deleted = await events.first { $0.path == file && $0.kind == .deleted }
        #expect(deleted?.isDirectory == false)
    }

    @Test func recursiveWatchFollowsNewDirectories() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let watcher = try InotifyWatcher()
        defer { watcher.close() }
        try watcher.watch(directory: dir.path, recursive: true)
        let events = await StreamRecorder.start(watcher.events)

        let nested = dir.path + "/a/b/c"
        try FileManager.default.createDirectory(atPath: nested, withIntermediateDirectories: true)
        try write("{\"n\":1}\n", to: nested + "/x.jsonl")
        // Either inotify on a/b/c or the scan of a just-watched directory reports it.
        #expect(await events.first { $0.path == nested + "/x.jsonl" } != nil)

        // Once c is watched, later writes arrive as ordinary events.
        _ = await events.first { $0.path == nested && $0.kind == .created }
        try write("{\"n\":2}\n", to: nested + "/y.jsonl")
        #expect(await events.first { $0.path == nested + "/y.jsonl" && $0.kind == .modified(closeWrite: true) } != nil)
    }

    @Test func directoryMovedInIsWatchedUnderItsNewName() async throws {
        let dir = try TemporaryDirectory()
        let outside = try TemporaryDirectory()
        defer { dir.remove(); outside.remove() }
        try FileManager.default.createDirectory(atPath: outside.path + "/project", withIntermediateDirectories: true)
        try write("a\n", to: outside.path + "/project/old.jsonl")
        let watcher = try InotifyWatcher()
        defer { watcher.close() }
        try watcher.watch(directory: dir.path, recursive: true)
        let events = await StreamRecorder.start(watcher.events)

        let moved = dir.path + "/project"
        try FileManager.default.moveItem(atPath: outside.path + "/project", toPath: moved)
        #expect(await events.first { $0.path == moved && $0.isDirectory } != nil)
        #expect(await events.first { $0.path == moved + "/old.jsonl" && $0.kind == .created } != nil)
        try write("b\n", to: moved + "/new.jsonl")
        #expect(await events.first { $0.path == moved + "/new.jsonl" } != nil)
    }

    @Test func filterExcludesPathsAndTheirSubtrees() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let watcher = try InotifyWatcher()
        defer { watcher.close() }
        let filter = WorkingTreeFilter(root: dir.path, useGit: false)
        try watcher.watch(directory: dir.path, recursive: true, filter: filter.pathFilter)
        let events = await StreamRecorder.start(watcher.events)

        try FileManager.default.createDirectory(atPath: dir.path + "/node_modules/pkg", withIntermediateDirectories: true)
        try write("x", to: dir.path + "/node_modules/pkg/index.js")
        try FileManager.default.createDirectory(atPath: dir.path + "/.git/refs", withIntermediateDirectories: true)
        try write("ref", to: dir.path + "/.git/HEAD")
        try FileManager.default.createDirectory(atPath: dir.path + "/.build/debug", withIntermediateDirectories: true)
        try write("sentinel", to: dir.path + "/sentinel.txt")

        // Events arrive in kernel order, so once the sentinel is in, anything excluded would be too.
        #expect(await events.first { $0.path.hasSuffix("/sentinel.txt") } != nil)
        let leaked = await events.elements.filter {
            $0.path.contains("node_modules") || $0.path.contains("/.git") || $0.path.contains("/.build")
        }
        #expect(leaked.isEmpty)
    }

    @Test func watchingAFileOrAMissingPathThrowsUnreadable() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let watcher = try InotifyWatcher()
        defer { watcher.close() }
        let file = dir.path + "/plain.txt"
        try write("x", to: file)
        #expect(throws: WatchError(code: .unreadable, path: file, errno: ENOTDIR)) {
            try watcher.watch(directory: file, recursive: true)
        }
        let missing = dir.path + "/missing"
        #expect(throws: WatchError(code: .unreadable, path: missing, errno: ENOENT)) {
            try watcher.watch(directory: missing, recursive: false)
        }
    }

    /// Root ignores permissions, so there the chmod-000 case cannot fail and is
    /// not asserted; the error path is covered by the file-as-directory test above.
    @Test func unreadableSubdirectoryIsReportedAndSkipped() async throws {
        let dir = try TemporaryDirectory()
        defer {
            chmod(dir.path + "/locked", 0o755)
            dir.remove()
        }
        try FileManager.default.createDirectory(atPath: dir.path + "/locked/inner", withIntermediateDirectories: true)
        chmod(dir.path + "/locked", 0o000)
        let watcher = try InotifyWatcher()
        defer { watcher.close() }
        let events = await StreamRecorder.start(watcher.events)
        try watcher.watch(directory: dir.path, recursive: true)
        try write("ok", to: dir.path + "/sentinel.txt")
        #expect(await events.first { $0.path.hasSuffix("/sentinel.txt") } != nil)
        if getuid() != 0 {
            #expect(await events.first { $0.path == dir.path + "/locked"
                && $0.kind == .unreadable(errno: EACCES) } != nil)
        }
    }

    @Test func queueOverflowBecomesAnOverflowEvent() async throws {
        let watcher = try InotifyWatcher()
        defer { watcher.close() }
        let events = await StreamRecorder.start(watcher.events)
        // The kernel queue is too large to overflow reliably in a test; feed the record it would send.
        watcher.handle(InotifyRecord(watchDescriptor: -1, mask: UInt32(bitPattern: IN_Q_OVERFLOW), cookie: 0, name: ""))
        #expect(await events.first { $0.kind == .overflow } != nil)
    }

    @Test func watchLimitBelowARootIsAnEventNotAnError() async throws {
        let watcher = try InotifyWatcher()
        defer { watcher.close() }
        let events = await StreamRecorder.start(watcher.events)
        // ENOSPC needs fs.inotify.max_user_watches exhausted; check the mapping it goes through.
        watcher.report(WatchError(code: .watchLimitReached, path: "/deep/dir", errno: ENOSPC), isDirectory: true)
        #expect(await events.first { $0.path == "/deep/dir" && $0.kind == .watchLimitReached } != nil)
    }

    @Test func deletedRootIsReported() async throws {
        let dir = try TemporaryDirectory()
        let root = dir.path + "/watched"
        defer { dir.remove() }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let watcher = try InotifyWatcher()
        defer { watcher.close() }
        try watcher.watch(directory: root, recursive: true)
        let events = await StreamRecorder.start(watcher.events)
        try FileManager.default.removeItem(atPath: root)
        #expect(await events.first { $0.path == root && $0.kind == .deleted && $0.isDirectory } != nil)
    }

    @Test func unwatchStopsEvents() async throws {
        let first = try TemporaryDirectory()
        let second = try TemporaryDirectory()
        defer { first.remove(); second.remove() }
        let watcher = try InotifyWatcher()
        defer { watcher.close() }
        try watcher.watch(directory: first.path, recursive: true)
        try watcher.watch(directory: second.path, recursive: false)
        let events = await StreamRecorder.start(watcher.events)
        watcher.unwatch(directory: first.path)
        try write("x", to: first.path + "/quiet.txt")
        try write("x", to: second.path + "/sentinel.txt")
        #expect(await events.first { $0.path.hasSuffix("/sentinel.txt") } != nil)
        #expect(await events.elements.allSatisfy { !$0.path.hasSuffix("/quiet.txt") })
    }

    @Test func closeFinishesTheStreamAndRefusesNewWatches() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let watcher = try InotifyWatcher()
        let events = await StreamRecorder.start(watcher.events)
        watcher.close()
        watcher.close()
        #expect(await events.waitUntilFinished())
        #expect(throws: WatchError(code: .closed, path: dir.path, errno: 0)) {
            try watcher.watch(directory: dir.path, recursive: false)
        }
    }
}
