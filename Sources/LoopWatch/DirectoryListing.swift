#if canImport(Glibc)
import Glibc
#endif

/// One entry of a directory, without `.` and `..`.
struct DirectoryEntry: Equatable {
    var name: String
    var isDirectory: Bool
}

/// Lists `path` with `readdir(3)`; symlinks are reported as non-directories so
/// a recursive walk never follows a link into a cycle.
///
/// - Throws: ``WatchError`` with the `errno` of `opendir` (EACCES, ENOTDIR, ENOENT…).
func listDirectory(_ path: String) throws(WatchError) -> [DirectoryEntry] {
    guard let handle = opendir(path) else {
        throw WatchError(code: .unreadable, path: path, errno: errno)
    }
    defer { closedir(handle) }
    var entries: [DirectoryEntry] = []
    while let entry = readdir(handle) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        if name == "." || name == ".." { continue }
        var isDirectory = Int32(entry.pointee.d_type) == DT_DIR
        if Int32(entry.pointee.d_type) == DT_UNKNOWN {
            // Some filesystems (older XFS, some FUSE) leave d_type empty.
            var info = stat()
            isDirectory = lstat(path + "/" + name, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
        }
        entries.append(DirectoryEntry(name: name, isDirectory: isDirectory))
    }
    return entries
}
