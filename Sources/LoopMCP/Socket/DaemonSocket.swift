#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// How a client reaches loopd: the one function everything that connects to
/// the MCP socket goes through (`loopctl mcp`, `loopctl doctor`).
///
/// It trusts the other end only once it has checked, before sending a byte:
/// 1. every directory on the way is ours or root's and closed to others
///    (`SocketDirectory.verify`), so nobody else can swap the socket file;
/// 2. the file is a socket (lstat, no link followed) owned by us;
/// 3. after `connect`, the server's `SO_PEERCRED` uid is ours: the kernel
///    records who called `listen`, so a socket made by another user and handed
///    to us (by chown, or through a directory we share) is still caught.
public enum DaemonSocket {
    public struct Failure: Error, CustomStringConvertible, Equatable {
        public enum Kind: Sendable, Equatable {
            /// Nothing answers at the path (loopd not running): try again or start it.
            case unreachable
            /// Something answers, or could, that is not ours: never talk to it.
            case untrusted
        }
        public var kind: Kind
        public var description: String
    }

    /// A connected, blocking descriptor to the loopd serving `path`, checked as above.
    /// - Throws: `Failure` with `.unreachable` when there is nothing to connect to,
    ///   `.untrusted` when the path or the server belongs to someone else.
    public static func connect(path: String, uid: UInt32 = getuid()) throws(Failure) -> Int32 {
        let path = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let directory = String(path[..<path.lastIndex(of: "/")!])
        do {
            try SocketDirectory.verify(directory.isEmpty ? "/" : directory, uid: uid)
        } catch let missing as SocketDirectory.Missing {
            throw Failure(kind: .unreachable, description: "no socket at \(path) (\(missing))")
        } catch {
            throw Failure(kind: .untrusted, description: "refusing to connect to \(path): \(error)")
        }
        var info = stat()
        guard lstat(path, &info) == 0 else {
            throw Failure(kind: .unreachable, description: "no socket at \(path) (\(String(cString: strerror(errno))))")
        }
        guard info.st_mode & S_IFMT == S_IFSOCK else {
            throw Failure(kind: .untrusted, description: "refusing to connect to \(path): it is not a socket; move it aside")
        }
        guard info.st_uid == uid else {
            throw Failure(kind: .untrusted, description: """
                refusing to connect to \(path): the socket belongs to \(SocketDirectory.userName(info.st_uid)) \
                (uid \(info.st_uid)), not to you (uid \(uid)). Remove it and restart loopd.
                """)
        }
        let descriptor: Int32
        do {
            descriptor = try ListeningSocket.connect(path: path)
        } catch {
            throw Failure(kind: .unreachable, description: "\(error)")
        }
        guard let peer = peerCredentials(descriptor) else {
            close(descriptor)
            throw Failure(kind: .untrusted, description: "refusing to talk to \(path): cannot read the server's credentials")
        }
        guard peer.uid == uid else {
            close(descriptor)
            throw Failure(kind: .untrusted, description: """
                refusing to talk to \(path): the process serving it (pid \(peer.pid)) runs as \
                \(SocketDirectory.userName(peer.uid)) (uid \(peer.uid)), not as you (uid \(uid)). \
                Stop that process and restart loopd.
                """)
        }
        return descriptor
    }

    /// SO_PEERCRED of a connected unix socket: for a client, the server that called `listen`.
    static func peerCredentials(_ descriptor: Int32) -> PeerCredentials? {
        var credentials = PeerCredentials.KernelCredentials()
        var length = socklen_t(MemoryLayout<PeerCredentials.KernelCredentials>.size)
        guard getsockopt(descriptor, SOL_SOCKET, SO_PEERCRED, &credentials, &length) == 0,
              length == socklen_t(MemoryLayout<PeerCredentials.KernelCredentials>.size) else { return nil }
        return PeerCredentials(pid: credentials.pid, uid: credentials.uid, gid: credentials.gid)
    }
}
