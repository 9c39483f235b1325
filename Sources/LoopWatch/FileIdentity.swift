#if canImport(Glibc)
import Glibc
#endif

/// Which file a path names right now, and how long it is.
///
/// Device and inode tell a file replaced by rename (new inode) from the same
/// file grown or truncated in place.
public struct FileIdentity: Sendable, Hashable {
    public var device: UInt64
    public var inode: UInt64
    public var size: Int64
    public var isDirectory: Bool

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
    }
}

/// `stat(2)` of `path` (following symlinks), or nil when it does not exist or cannot be read.
public func fileIdentity(path: String) -> FileIdentity? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return FileIdentity(info)
}
