#if canImport(Glibc)
import Glibc
#endif

/// Why a directory could not be watched. Compare by ``code``, never by message.
public struct WatchError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: Sendable, Hashable {
        let rawValue: String
        /// `inotify_init1` failed (EMFILE: too many inotify instances).
        public static let initFailed = Code(rawValue: "initFailed")
        /// ENOSPC from `inotify_add_watch`: raise `fs.inotify.max_user_watches`.
        public static let watchLimitReached = Code(rawValue: "watchLimitReached")
        /// The path is missing, not a directory, or not readable.
        public static let unreadable = Code(rawValue: "unreadable")
        /// The watcher was closed.
        public static let closed = Code(rawValue: "closed")
    }

    public var code: Code
    public var path: String
    /// The `errno` reported by the failing call, 0 when none.
    public var errno: Int32

    public init(code: Code, path: String, errno: Int32) {
        self.code = code
        self.path = path
        self.errno = errno
    }

    public var description: String {
        let reason = errno == 0 ? "" : ": " + String(cString: strerror(errno))
        return "cannot watch \(path) (\(code.rawValue))\(reason)"
    }
}
