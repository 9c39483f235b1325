#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// Watches directories with Linux inotify and delivers changes as an `AsyncStream`.
///
/// A dedicated thread blocks in `poll(2)` on the inotify fd and a wake-up pipe,
/// so an idle watcher costs no CPU. A recursive watch adds a watch for every
/// directory that appears below it and reports the entries already inside that
/// directory as `created`, because files can be written before the new watch
/// exists. Directories that cannot be watched are reported as events
/// (`unreadable`, `watchLimitReached`) and skipped; only the root of a
/// `watch(directory:)` call throws.
///
/// Call ``close()`` when done: the reader thread holds the watcher until then.
public final class InotifyWatcher: Sendable {
    /// The changes, in kernel order. Single consumer. It finishes after ``close()``.
    public let events: AsyncStream<FileEvent>

    let inotifyFD: Int32
    /// Written by `close()` to wake the reader out of `poll`.
    let wakeRead: Int32
    let wakeWrite: Int32
    let continuation: AsyncStream<FileEvent>.Continuation
    let watches = Mutex(WatchTable())
    /// Set when the stream's buffer was full and an event was dropped, so the
    /// next successful delivery starts with `.overflow`.
    let droppedEvents = Atomic<Bool>(false)
    /// The reader thread's Linux thread id, 0 until it runs; lets tests and
    /// diagnostics find it in `/proc/self/task`.
    let readerThreadID = Atomic<Int32>(0)

    /// Events waiting for a slow consumer; beyond this the consumer gets `.overflow`.
    public static let bufferCapacity = 16_384

    public init() throws(WatchError) {
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { throw WatchError(code: .initFailed, path: "", errno: errno) }
        var pipeFDs: [Int32] = [0, 0]
        guard pipe(&pipeFDs) == 0 else {
            let failure = errno
            Glibc.close(fd)
            throw WatchError(code: .initFailed, path: "", errno: failure)
        }
        for descriptor in pipeFDs { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        inotifyFD = fd
        wakeRead = pipeFDs[0]
        wakeWrite = pipeFDs[1]
        (events, continuation) = AsyncStream.makeStream(
            of: FileEvent.self, bufferingPolicy: .bufferingOldest(Self.bufferCapacity))
        let thread = Thread { [self] in runReader() }
        thread.name = "loop.inotify"
        thread.start()
    }

    /// Starts watching `directory`.
    ///
    /// - Parameters:
    ///   - recursive: also watch every subdirectory, now and as they appear.
    ///   - filter: paths it excludes are neither watched nor reported.
    /// - Throws: ``WatchError`` when the directory itself cannot be watched
    ///   (`.unreadable`, `.watchLimitReached`, `.closed`). Failures below it
    ///   become events instead.
    public func watch(directory: String, recursive: Bool, filter: PathFilter? = nil) throws(WatchError) {
        let root = normalized(directory)
        let options = WatchedDirectory(path: root, recursive: recursive, filter: filter, isRoot: true)
        try addTree(options, reportExisting: false)
    }

    /// Stops watching `directory` and everything watched below it. Unknown paths are ignored.
    public func unwatch(directory: String) {
        removeSubtree(normalized(directory))
    }

    /// Stops the reader thread, releases the inotify fd and finishes ``events``. Idempotent.
    public func close() {
        let wasOpen = watches.withLock { table in
            defer { table.isClosed = true }
            return !table.isClosed
        }
        guard wasOpen else { return }
        var byte: UInt8 = 1
        _ = Glibc.write(wakeWrite, &byte, 1)
    }

    /// Delivers an event, recording a drop so the consumer learns it must rescan.
    func emit(_ event: FileEvent) {
        if droppedEvents.load(ordering: .acquiring) {
            guard case .enqueued = continuation.yield(FileEvent(path: "", kind: .overflow, isDirectory: false)) else {
                return
            }
            droppedEvents.store(false, ordering: .releasing)
        }
        if case .dropped = continuation.yield(event) {
            droppedEvents.store(true, ordering: .releasing)
        }
    }

    private func normalized(_ path: String) -> String {
        var path = path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path
    }
}
