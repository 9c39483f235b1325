#if canImport(Glibc)
import Glibc
#endif
import NIOCore

/// Who is on the other end of an accepted unix socket (SO_PEERCRED, unix(7)).
/// The kernel fills it at connect time, so the peer cannot lie about it.
public struct PeerCredentials: Sendable, Hashable {
    public var pid: Int32
    public var uid: UInt32
    public var gid: UInt32

    /// Reads the credentials of `channel`'s peer on its event loop.
    static func of(_ channel: any Channel) -> EventLoopFuture<PeerCredentials> {
        guard let provider = channel as? any SocketOptionProvider else {
            return channel.eventLoop.makeFailedFuture(Unsupported())
        }
        let future: EventLoopFuture<KernelCredentials> = provider.unsafeGetSocketOption(
            level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED))
        return future.map { PeerCredentials(pid: $0.pid, uid: $0.uid, gid: $0.gid) }
    }

    /// `struct ucred` (socket(7)); Glibc hides it behind _GNU_SOURCE, so the
    /// layout is restated here: three 32-bit fields, pid, uid, gid.
    struct KernelCredentials: Sendable {
        var pid: Int32 = 0
        var uid: UInt32 = 0
        var gid: UInt32 = 0
    }

    struct Unsupported: Error {}
}
