/// One change seen by ``InotifyWatcher``.
///
/// Paths are absolute (the watched directory joined with the entry name).
/// Events are hints, not a log: a `created` may be reported twice (once from
/// inotify, once from the scan of a directory that just appeared), and after
/// ``Kind/overflow`` some events are lost, so the caller rescans what it cares about.
public struct FileEvent: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A new entry, or an entry found inside a directory that just appeared.
        case created
        /// Content changed. `closeWrite` is true when a writer closed the file
        /// (`IN_CLOSE_WRITE`): a good moment to read it.
        case modified(closeWrite: Bool)
        /// The entry was removed (or, for a watched root, the root itself went away).
        case deleted
        /// The entry was renamed away; `cookie` pairs it with the matching `movedTo`.
        case movedFrom(cookie: UInt32)
        /// An entry was renamed into place (editors save this way: write temp, rename).
        case movedTo(cookie: UInt32)
        /// The kernel queue overflowed (`IN_Q_OVERFLOW`) or the consumer fell behind:
        /// events were lost, rescan. `path` is empty.
        case overflow
        /// `inotify_add_watch` failed with ENOSPC (`fs.inotify.max_user_watches`):
        /// `path` and everything below it is not watched.
        case watchLimitReached
        /// A directory could not be watched or listed (`errno` says why); it is skipped.
        case unreadable(errno: Int32)
    }

    public var path: String
    public var kind: Kind
    public var isDirectory: Bool

    public init(path: String, kind: Kind, isDirectory: Bool) {
        self.path = path
        self.kind = kind
        self.isDirectory = isDirectory
    }
}
