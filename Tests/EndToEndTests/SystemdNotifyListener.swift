import Foundation
import LoopTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The receiving end of the sd_notify protocol, standing in for systemd in tests:
/// a unix datagram socket whose address goes into a child's `NOTIFY_SOCKET`.
///
/// Start a process with ``environmentValue`` as `NOTIFY_SOCKET`, then call
/// ``receive(timeout:)`` to await its next notification (e.g. `READY=1`) instead
/// of sleeping. Path sockets live in their own temporary directory; abstract ones
/// (`@name`) need no file at all.
final class SystemdNotifyListener {
    /// The value to export as `NOTIFY_SOCKET` (`/path` or `@abstract-name`).
    let environmentValue: String
    private let descriptor: Int32
    private let directory: TemporaryDirectory?

    /// - Parameter abstract: bind in the Linux abstract namespace instead of the file system.
    init(abstract: Bool = false) throws {
        let directory = abstract ? nil : try TemporaryDirectory(prefix: "loop-notify")
        let address = abstract
            ? "@loop-test-notify-\(getpid())-\(UUID().uuidString.prefix(8))"
            : directory!.appending("notify.sock").path
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }

        var storage = sockaddr_un()
        storage.sun_family = sa_family_t(AF_UNIX)
        var pathBytes = Array(address.utf8)
        if abstract { pathBytes[0] = 0 }  // '@' stands for the leading NUL of an abstract name
        withUnsafeMutableBytes(of: &storage.sun_path) { $0.copyBytes(from: pathBytes) }
        let length = socklen_t(MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + pathBytes.count + (abstract ? 0 : 1))
        let bound = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0 else {
            let code = errno
            close(descriptor)
            directory?.remove()
            throw POSIXError(.init(rawValue: code) ?? .EIO)
        }
        self.environmentValue = address
        self.descriptor = descriptor
        self.directory = directory
    }

    deinit {
        close(descriptor)
        directory?.remove()
    }

    /// Waits up to `timeout` for the next datagram and returns it as text, or nil on timeout.
    /// poll(2) blocks in the kernel, so waiting costs no CPU and needs no sleep loop.
    func receive(timeout: Duration = .seconds(10)) -> String? {
        let milliseconds = Int32(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&request, 1, milliseconds) == 1 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        // Any fds passed along (systemd-notify's BARRIER=1) are closed by the kernel when
        // the message is read without a control buffer, which releases the sender's barrier.
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        guard count >= 0 else { return nil }
        return String(decoding: buffer.prefix(count), as: UTF8.self)
    }
}
