#if canImport(Glibc)
import Glibc
#endif

/// Which directories may hold loop's MCP socket: every component of the path,
/// from `/` down, must be one that no other (non-root) user can change.
///
/// Why every component and not only the last: without `XDG_RUNTIME_DIR` the
/// socket lives in `/tmp/loop-<uid>/loop`, and `/tmp` is writable by all. A
/// user who creates `/tmp/loop-<uid>` first owns the parent of our 0700
/// directory, so they can rename that directory away and put their own socket
/// in its place; loopd and `loopctl mcp` would then talk to them.
///
/// A component is accepted when it is owned by us or by root, and nobody but
/// its owner can write it. The one exception is a root-owned sticky directory
/// such as `/tmp`: others may write it, but the kernel lets only an entry's
/// owner rename or remove that entry. The socket's own directory must be ours.
/// Symbolic links are followed only if they are ours or root's, and the path
/// they lead to is checked the same way.
public enum SocketDirectory {
    /// A component of the path that another user controls, with what to do about it.
    public struct Unsafe: Error, CustomStringConvertible, Equatable {
        /// The offending component (a prefix of the checked path).
        public var component: String
        public var description: String
    }

    /// A component of the path does not exist (only from `verify`).
    public struct Missing: Error, CustomStringConvertible, Equatable {
        public var component: String
        public var description: String { "\(component) does not exist" }
    }

    /// Creates the missing components of `directory` (mode 0700, one at a time,
    /// each after its parent passed the check) and checks every component. The
    /// socket's directory is then tightened to 0700 if it is more open.
    /// - Throws: `Unsafe` naming the first component another user controls.
    public static func prepare(_ directory: String, uid: UInt32 = getuid()) throws {
        try walk(directory, uid: uid, create: true)
    }

    /// Checks every component of `directory` without changing anything; a
    /// client uses it before it trusts a socket found there.
    /// - Throws: `Missing` if a component does not exist, `Unsafe` as `prepare`.
    public static func verify(_ directory: String, uid: UInt32 = getuid()) throws {
        try walk(directory, uid: uid, create: false)
    }

    private static func walk(_ directory: String, uid: UInt32, create: Bool, resolved: Bool = false) throws {
        guard directory.hasPrefix("/") else {
            throw Unsafe(component: directory, description: "\(directory) is not an absolute path")
        }
        let names = directory.split(separator: "/")
        var prefix = ""
        var sawLink = false
        for index in -1..<names.count {
            prefix = index < 0 ? "/" : (prefix == "/" ? "/" : prefix + "/") + names[index]
            let isLast = index == names.count - 1
            var info = stat()
            if lstat(prefix, &info) != 0 {
                guard errno == ENOENT else { throw Unsafe(component: prefix, description: "cannot examine \(prefix): \(reason())") }
                guard create else { throw Missing(component: prefix) }
                // EEXIST: someone made it between lstat and mkdir; the lstat below judges it.
                if mkdir(prefix, 0o700) != 0 && errno != EEXIST {
                    throw Unsafe(component: prefix, description: "cannot create \(prefix): \(reason())")
                }
                guard lstat(prefix, &info) == 0 else { throw Unsafe(component: prefix, description: "cannot examine \(prefix): \(reason())") }
            }
            if info.st_mode & S_IFMT == S_IFLNK {
                guard !isLast || info.st_uid == uid else { throw foreignOwner(prefix, info.st_uid, uid) }
                guard info.st_uid == uid || info.st_uid == 0 else { throw foreignOwner(prefix, info.st_uid, uid) }
                sawLink = true
                continue
            }
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw Unsafe(component: prefix, description: "\(prefix) is not a directory; move it aside")
            }
            guard info.st_uid == uid || (info.st_uid == 0 && !isLast) else { throw foreignOwner(prefix, info.st_uid, uid) }
            let othersMayWrite = info.st_mode & 0o022 != 0
            let stickyRoot = info.st_uid == 0 && info.st_mode & S_ISVTX != 0 && !isLast
            if isLast && create && info.st_mode & 0o077 != 0 {
                // Ours (checked above), so we may close it; nobody else can reopen it.
                guard chmod(prefix, 0o700) == 0 else {
                    throw Unsafe(component: prefix, description: "cannot chmod 0700 \(prefix): \(reason())")
                }
            } else if othersMayWrite && !stickyRoot {
                throw Unsafe(component: prefix, description: """
                    \(prefix) can be written by other users (mode \(octal(info.st_mode & 0o7777))), so they could \
                    replace loop's socket below it. Run `chmod go-w \(prefix)`, or set XDG_RUNTIME_DIR to a \
                    directory only you can write (normally /run/user/\(uid)).
                    """)
            }
        }
        // A link may point anywhere: check where it leads, which has no links left.
        if sawLink && !resolved {
            guard let target = realpath(directory, nil) else {
                throw Unsafe(component: directory, description: "cannot resolve \(directory): \(reason())")
            }
            defer { free(target) }
            try walk(String(cString: target), uid: uid, create: false, resolved: true)
        }
    }

    private static func foreignOwner(_ component: String, _ owner: UInt32, _ uid: UInt32) -> Unsafe {
        Unsafe(component: component, description: """
            \(component) belongs to \(userName(owner)) (uid \(owner)), not to you (uid \(uid)): another user could \
            replace loop's socket there and read or answer your agents' requests. Remove it (it takes root: \
            `sudo rm -rf \(component)`), or set XDG_RUNTIME_DIR to a directory only you can write \
            (normally /run/user/\(uid)).
            """)
    }

    /// The login name of `uid`, or "another user" when it has none.
    static func userName(_ uid: UInt32) -> String {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 1024)
        guard getpwuid_r(uid, &entry, &buffer, buffer.count, &result) == 0, result != nil, let name = entry.pw_name else {
            return "another user"
        }
        return String(cString: name)
    }

    private static func octal(_ mode: mode_t) -> String {
        let digits = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    private static func reason() -> String { String(cString: strerror(errno)) }
}
