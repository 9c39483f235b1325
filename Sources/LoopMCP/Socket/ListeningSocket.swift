#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Creates the daemon's listening unix socket: directory 0700 owned by us in
/// a path no other user can change (SocketDirectory), socket 0600, a stale socket file from a crashed daemon replaced, a live
/// one (another loopd answering) left alone.
public enum ListeningSocket {
    public struct Failure: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    /// Binds and listens on `path`; returns the listening descriptor (close-on-exec).
    public static func bind(path: String, backlog: Int32 = 128) throws -> Int32 {
        // Every component of the path, not only the last: see SocketDirectory.
        try SocketDirectory.prepare((path as NSString).deletingLastPathComponent)
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

    /// A connected client descriptor (blocking), unchecked: clients that will
    /// send requests use `DaemonSocket.connect`, which verifies who answers.
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
