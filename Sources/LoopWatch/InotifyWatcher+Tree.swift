#if canImport(Glibc)
import Glibc
#endif

extension InotifyWatcher {
    /// What every watch asks the kernel for. `IN_ONLYDIR` makes a file passed
    /// as a directory fail with ENOTDIR; `IN_EXCL_UNLINK` stops events for
    /// files that were unlinked while still open.
    static let directoryMask: UInt32 = UInt32(bitPattern:
        IN_CREATE | IN_MODIFY | IN_CLOSE_WRITE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO
        | IN_DELETE_SELF | IN_MOVE_SELF | Int32(IN_ONLYDIR) | Int32(IN_EXCL_UNLINK))

    /// Watches `directory` and, when recursive, everything below it.
    ///
    /// A failure on the root throws; a failure further down is reported as an
    /// event and that subtree is skipped. With `reportExisting`, entries found
    /// by the scan are reported as `created` (a directory that just appeared may
    /// already hold files written before its watch existed).
    func addTree(_ directory: WatchedDirectory, reportExisting: Bool) throws(WatchError) {
        var pending = [directory]
        while let current = pending.popLast() {
            do {
                try addWatch(current)
            } catch {
                if current.isRoot { throw error }
                report(error, isDirectory: true)
                continue
            }
            guard current.recursive || reportExisting else { continue }
            let entries: [DirectoryEntry]
            do {
                entries = try listDirectory(current.path)
            } catch {
                if current.isRoot { throw error }
                report(error, isDirectory: true)
                continue
            }
            for entry in entries {
                let child = current.child(entry.name)
                if current.filter?.excludes(child.path, isDirectory: entry.isDirectory) == true { continue }
                if reportExisting {
                    emit(FileEvent(path: child.path, kind: .created, isDirectory: entry.isDirectory))
                }
                if entry.isDirectory && current.recursive { pending.append(child) }
            }
        }
    }

    /// Adds one watch and records it in the same critical section, so the
    /// reader never sees a descriptor it cannot map to a path.
    private func addWatch(_ directory: WatchedDirectory) throws(WatchError) {
        // Below a root, never follow a symlink: a link to an ancestor would loop.
        let mask = directory.isRoot ? Self.directoryMask : Self.directoryMask | UInt32(bitPattern: Int32(IN_DONT_FOLLOW))
        let result: Result<Void, WatchError> = watches.withLock { table in
            guard !table.isClosed else { return .failure(WatchError(code: .closed, path: directory.path, errno: 0)) }
            let descriptor = inotify_add_watch(inotifyFD, directory.path, mask)
            guard descriptor >= 0 else {
                let failure = errno
                let code: WatchError.Code = failure == ENOSPC ? .watchLimitReached : .unreadable
                return .failure(WatchError(code: code, path: directory.path, errno: failure))
            }
            // The same inode watched twice returns the same descriptor: keep the root flag.
            var entry = directory
            if let existing = table.byDescriptor[descriptor], existing.isRoot { entry.isRoot = true }
            table.byDescriptor[descriptor] = entry
            return .success(())
        }
        try result.get()
    }

    /// Stops watching `path` and every watched directory below it.
    func removeSubtree(_ path: String) {
        watches.withLock { table in
            for descriptor in table.descriptors(under: path) {
                table.byDescriptor[descriptor] = nil
                if !table.isClosed { inotify_rm_watch(inotifyFD, descriptor) }
            }
        }
    }

    func report(_ error: WatchError, isDirectory: Bool) {
        let kind: FileEvent.Kind = error.code == .watchLimitReached ? .watchLimitReached : .unreadable(errno: error.errno)
        emit(FileEvent(path: error.path, kind: kind, isDirectory: isDirectory))
    }
}
