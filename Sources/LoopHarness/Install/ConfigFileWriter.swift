import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Replaces a harness config the way a careful editor does. Configs such as
/// `~/.claude.json` hold API keys, so a rewrite must not widen who can read
/// them: the new content goes into a temporary file that is private from its
/// creation (mkstemp, 0600) in the target's own folder, gets the original's
/// mode and owner, is fsync'd, and is renamed over the original. A symlink is
/// written through: its target is replaced and the link stays a link.
enum ConfigFileWriter {
    /// Mode of a new file that may hold secrets (harness configs, the manifest).
    static let privateMode: mode_t = 0o600
    /// Mode of a new file that holds only loop's own text (skills, commands).
    static let publicMode: mode_t = 0o644

    /// Writes `text` to `path` (through symlinks), keeping an existing file's
    /// mode and owner; a new file gets `newFileMode`. Throws, leaving the old
    /// file untouched, when the owner cannot be kept (another user's file).
    static func write(_ text: String, to path: String, newFileMode: mode_t) throws {
        let target = try resolved(path)
        var existing = stat()
        let exists = stat(target, &existing) == 0
        let directory = (target as NSString).deletingLastPathComponent
        var template = Array("\(directory)/.\((target as NSString).lastPathComponent).loop-XXXXXX".utf8CString)
        let fd = mkstemp(&template)
        guard fd >= 0 else { throw failure("cannot create a temporary file next to \(target)") }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        do {
            defer { close(fd) }
            try writeAll(Array(text.utf8), to: fd)
            if exists, existing.st_uid != geteuid() || existing.st_gid != getegid() {
                guard fchown(fd, existing.st_uid, existing.st_gid) == 0 else {
                    throw failure("cannot keep the owner (uid \(existing.st_uid), gid \(existing.st_gid)) of \(target)",
                                  then: "; nothing was changed: run loopctl as that user")
                }
            }
            // After fchown, which may clear set-id bits.
            guard fchmod(fd, exists ? existing.st_mode & 0o7777 : newFileMode) == 0 else { throw failure("cannot set the mode of \(temporary)") }
            guard fsync(fd) == 0 else { throw failure("cannot flush \(temporary) to disk") }
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, target) == 0 else {
            let error = failure("cannot replace \(target)")
            unlink(temporary)
            throw error
        }
        syncDirectory(directory)
    }

    /// Deletes the file `path` names; for a symlink, its target (the link stays,
    /// as it was before install created the target).
    static func remove(_ path: String) throws {
        let target = try resolved(path)
        guard unlink(target) == 0 || errno == ENOENT else { throw failure("cannot remove \(target)") }
    }

    /// The file `path` names after following symlinks, dangling ones included
    /// (their target is what a write creates). Relative links resolve against
    /// the link's folder.
    static func resolved(_ path: String) throws -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
            let link = try FileManager.default.destinationOfSymbolicLink(atPath: current)
            current = link.hasPrefix("/") ? link : (current as NSString).deletingLastPathComponent + "/" + link
        }
        throw InstallError("\(path): too many levels of symbolic links")
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw failure("cannot write a temporary config file")
            }
            offset += written
        }
    }

    /// The rename is durable only once the folder's entry is on disk too.
    private static func syncDirectory(_ directory: String) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    private static func failure(_ what: String, then advice: String = "") -> InstallError {
        InstallError("\(what) (\(String(cString: strerror(errno))))\(advice)")
    }
}
