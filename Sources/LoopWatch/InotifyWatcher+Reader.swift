#if canImport(Glibc)
import Glibc
#endif

extension InotifyWatcher {
    /// The reader thread: sleeps in `poll` until the kernel has events or
    /// `close()` writes to the wake pipe. No timeout, so no CPU when idle.
    func runReader() {
        readerThreadID.store(currentThreadID(), ordering: .releasing)
        // Enough for hundreds of events per read; inotify never splits a record.
        let capacity = 64 * 1024
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 8)
        defer {
            buffer.deallocate()
            Glibc.close(inotifyFD)
            Glibc.close(wakeRead)
            Glibc.close(wakeWrite)
            continuation.finish()
        }
        var fds = [
            pollfd(fd: inotifyFD, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0),
        ]
        while true {
            let ready = poll(&fds, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                return
            }
            if fds[1].revents != 0 { return }
            guard fds[0].revents != 0 else { continue }
            // Non-blocking fd: drain until EAGAIN so one wake-up handles a burst.
            while true {
                let count = read(inotifyFD, buffer.baseAddress, capacity)
                if count < 0 {
                    if errno == EINTR { continue }
                    break
                }
                if count == 0 { break }
                let records = InotifyRecord.decode(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
                for record in records { handle(record) }
            }
        }
    }

    func handle(_ record: InotifyRecord) {
        if record.has(IN_Q_OVERFLOW) {
            emit(FileEvent(path: "", kind: .overflow, isDirectory: false))
            return
        }
        let directory: WatchedDirectory? = watches.withLock { table in
            if record.has(IN_IGNORED) {
                // The kernel dropped the watch (directory gone or unwatched).
                table.byDescriptor[record.watchDescriptor] = nil
                return nil
            }
            return table.byDescriptor[record.watchDescriptor]
        }
        guard let directory else { return }

        if record.name.isEmpty {
            handleSelfEvent(record, directory: directory)
            return
        }
        let entry = directory.child(record.name)
        let isDirectory = record.isDirectory
        if directory.filter?.excludes(entry.path, isDirectory: isDirectory) == true { return }

        if record.has(IN_CREATE) {
            emit(FileEvent(path: entry.path, kind: .created, isDirectory: isDirectory))
            if isDirectory && directory.recursive { addChildTree(entry) }
        }
        if record.has(IN_MOVED_TO) {
            emit(FileEvent(path: entry.path, kind: .movedTo(cookie: record.cookie), isDirectory: isDirectory))
            if isDirectory && directory.recursive { addChildTree(entry) }
        }
        if record.has(IN_MODIFY) {
            emit(FileEvent(path: entry.path, kind: .modified(closeWrite: false), isDirectory: isDirectory))
        }
        if record.has(IN_CLOSE_WRITE) {
            emit(FileEvent(path: entry.path, kind: .modified(closeWrite: true), isDirectory: isDirectory))
        }
        if record.has(IN_MOVED_FROM) {
            // Its watches would keep the old path; a matching movedTo re-adds them.
            if isDirectory { removeSubtree(entry.path) }
            emit(FileEvent(path: entry.path, kind: .movedFrom(cookie: record.cookie), isDirectory: isDirectory))
        }
        if record.has(IN_DELETE) {
            emit(FileEvent(path: entry.path, kind: .deleted, isDirectory: isDirectory))
        }
    }

    /// The watched directory itself was deleted or moved. Only a root is
    /// reported; a subdirectory's parent already reported the entry.
    private func handleSelfEvent(_ record: InotifyRecord, directory: WatchedDirectory) {
        // A subdirectory's move was handled at IN_MOVED_FROM (its watch may
        // already be re-added under the new name), and its deletion ends in IN_IGNORED.
        guard directory.isRoot, record.has(IN_DELETE_SELF) || record.has(IN_MOVE_SELF) else { return }
        // A moved root's watches would report stale paths: drop them.
        removeSubtree(directory.path)
        emit(FileEvent(path: directory.path, kind: .deleted, isDirectory: true))
    }

    private func addChildTree(_ directory: WatchedDirectory) {
        do {
            try addTree(directory, reportExisting: true)
        } catch {
            report(error, isDirectory: true)
        }
    }
}

/// The calling thread's Linux thread id. Glibc's `gettid` is not imported into
/// Swift, and `syscall` is variadic, so read it from `/proc/thread-self`
/// (a link to `<pid>/task/<tid>`). 0 when /proc is unavailable.
private func currentThreadID() -> Int32 {
    var buffer = [CChar](repeating: 0, count: 64)
    let length = readlink("/proc/thread-self", &buffer, buffer.count - 1)
    guard length > 0 else { return 0 }
    let target = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return target.split(separator: "/").last.flatMap { Int32($0) } ?? 0
}
