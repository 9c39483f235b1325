import Foundation

/// A file only this user can reach, for the editor round trip: a fresh
/// directory from mkdtemp(3) (mode 0700, unpredictable name) holding a file
/// created with O_CREAT | O_EXCL | O_NOFOLLOW, mode 0600. A predictable name
/// in the shared temporary directory could be created first by another user
/// (who would then read the lesson, or hand loopctl their own text back).
struct PrivateTemporaryFile {
    let directory: String
    let path: String

    /// - Throws: `CLIError` naming the path and the system's reason.
    init(name: String, contents: Data) throws {
        var template = Array((NSTemporaryDirectory() as NSString).appendingPathComponent("loop-edit-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw CLIError("cannot create a private temporary directory in \(NSTemporaryDirectory()): \(String(cString: strerror(errno)))")
        }
        directory = String(cString: made)
        path = (directory as NSString).appendingPathComponent(name)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            rmdir(directory)
            throw CLIError("cannot create \(path): \(reason)")
        }
        let written = contents.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == contents.count else {
            remove()
            throw CLIError("cannot write \(path)")
        }
    }

    /// Removes the file (and anything the editor left beside it, such as a
    /// swap or backup file), then the directory.
    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }
}
