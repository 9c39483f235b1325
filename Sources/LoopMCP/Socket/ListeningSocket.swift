#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Creates the daemon's listening unix socket: directory 0700 owned by us,
/// socket 0600, a stale socket file from a crashed daemon replaced, a live
/// one (another loopd answering) left alone.
public enum ListeningSocket {
    public struct Failure: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    /// Binds and listens on `path`; returns the listening descriptor (close-on-exec).
    public static func bind(path: String, backlog: Int32 = 128) throws -> Int32 {
        try prepareDirectory((path as NSString).deletingLastPathComponent)
        try removeStaleSocket(at: path)
        var address = try socketAddress(path)
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket(): \(String(cString: strerror(errno)))") }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw Failure(description: "cannot bind \(path): \(reason)")
        }
        // The directory is 0700 already, so the short window before chmod exposes nothing.
        guard chmod(path, 0o600) == 0, listen(fd, backlog) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            unlink(path)
            throw Failure(description: "cannot listen on \(path): \(reason)")
        }
        return fd
    }

    /// Creates the directory 0700, or checks that an existing one is ours and
    /// closed to others (tightening its mode if needed).
    static func prepareDirectory(_ directory: String) throws {
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var info = stat()
        guard stat(directory, &info) == 0 else { throw Failure(description: "cannot stat \(directory)") }
        guard info.st_uid == getuid() else {
            throw Failure(description: "\(directory) belongs to uid \(info.st_uid), not to this user; refusing to put the socket there")
        }
        if info.st_mode & 0o077 != 0 { chmod(directory, 0o700) }
    }

    /// A socket file nobody answers on is left over from a crash: remove it.
    /// One that answers belongs to a running daemon: refuse to steal it.
    static func removeStaleSocket(at path: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard info.st_mode & S_IFMT == S_IFSOCK else {
            throw Failure(description: "\(path) exists and is not a socket; move it aside")
        }
        if let fd = try? connect(path: path) {
            close(fd)
            throw Failure(description: "another loopd is already serving \(path)")
        }
        unlink(path)
    }

    /// A connected client descriptor (blocking), for `loopctl mcp` and tests.
    public static func connect(path: String) throws -> Int32 {
        var address = try socketAddress(path)
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket(): \(String(cString: strerror(errno)))") }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard result == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw Failure(description: "cannot connect to \(path): \(reason)")
        }
        return fd
    }

    static func socketAddress(_ path: String) throws -> sockaddr_un {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard bytes.count < capacity else {
            throw Failure(description: "socket path is \(bytes.count) bytes, longer than the \(capacity - 1) a unix socket allows: \(path)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        return address
    }
}
