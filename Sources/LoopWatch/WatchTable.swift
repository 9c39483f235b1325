/// How one directory is watched; children of a recursive watch inherit it.
struct WatchedDirectory: Sendable {
    var path: String
    var recursive: Bool
    var filter: PathFilter?
    /// Set on the directory passed to `watch(directory:)`, whose own deletion is reported.
    var isRoot: Bool

    func child(_ name: String) -> WatchedDirectory {
        WatchedDirectory(path: path == "/" ? "/" + name : path + "/" + name,
                         recursive: recursive, filter: filter, isRoot: false)
    }
}

/// Watch descriptors and the directories they stand for. Guarded by the watcher's mutex.
struct WatchTable: ~Copyable {
    var byDescriptor: [Int32: WatchedDirectory] = [:]
    var isClosed = false

    /// Descriptors of `path` and of every watched directory below it.
    func descriptors(under path: String) -> [Int32] {
        let prefix = path == "/" ? "/" : path + "/"
        return byDescriptor.compactMap { descriptor, directory in
            directory.path == path || directory.path.hasPrefix(prefix) ? descriptor : nil
        }
    }
}
