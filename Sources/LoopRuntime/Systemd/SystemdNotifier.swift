#if canImport(Glibc)
import Glibc
#endif

/// Sends sd_notify(3) state changes to the service manager.
///
/// The protocol is one datagram of newline-separated `KEY=VALUE` lines sent to the
/// unix socket named by `$NOTIFY_SOCKET` (a leading `@` means the Linux abstract
/// namespace). It is implemented here in plain Swift instead of calling `sd_notify`
/// because `sd_notify` reads the *process* environment, while this type honours the
/// environment it was given, which keeps it testable and lets the caller decide.
///
/// Notifying is best effort, as in libsystemd: when `$NOTIFY_SOCKET` is unset (run
/// from a terminal) every call is a no-op, and send errors are ignored, never thrown.
public struct SystemdNotifier: Sendable {
    /// The `$NOTIFY_SOCKET` value when it names a socket this type can reach, else nil.
    public let socketAddress: String?
    /// How often systemd expects `WATCHDOG=1` (half of `WatchdogSec=`, as sd_watchdog_enabled(3)
    /// recommends), or nil when the watchdog is off or meant for another process.
    public let watchdogInterval: Duration?

    /// - Parameter environment: normally `ProcessInfo.processInfo.environment`.
    public init(environment: [String: String]) {
        let address = environment["NOTIFY_SOCKET"] ?? ""
        // Only path and abstract sockets are supported; `vsock:` addresses (VMs) are not used by user units.
        socketAddress = address.hasPrefix("/") || address.hasPrefix("@") ? address : nil
        watchdogInterval = SystemdNotifier.watchdogInterval(environment: environment)
    }

    /// True when a service manager is listening, i.e. the daemon runs under `Type=notify`.
    public var isEnabled: Bool { socketAddress != nil }

    /// Sends `state` verbatim, e.g. `"READY=1\nSTATUS=watching 3 files"`.
    /// - Returns: true if the datagram was handed to the kernel; false when disabled or on any error.
    @discardableResult
    public func notify(_ state: String) -> Bool {
        guard let socketAddress else { return false }
        return NotifyDatagram.send(Array(state.utf8), to: socketAddress)
    }

    /// Tells systemd start-up has finished (`READY=1`), with an optional status line.
    @discardableResult
    public func ready(status: String? = nil) -> Bool {
        notify(["READY=1", status.map { "STATUS=" + Self.oneLine($0) }].compactMap { $0 }.joined(separator: "\n"))
    }

    /// Updates the one-line status shown by `systemctl --user status loopd`.
    @discardableResult
    public func status(_ text: String) -> Bool {
        notify("STATUS=" + Self.oneLine(text))
    }

    /// Tells systemd a graceful stop has begun, so it waits instead of reporting a crash.
    @discardableResult
    public func stopping(status: String? = nil) -> Bool {
        notify(["STOPPING=1", status.map { "STATUS=" + Self.oneLine($0) }].compactMap { $0 }.joined(separator: "\n"))
    }

    /// Keep-alive ping for `WatchdogSec=`; send it every ``watchdogInterval``.
    @discardableResult
    public func watchdog() -> Bool {
        notify("WATCHDOG=1")
    }

    /// A newline would end the `STATUS=` assignment and start a bogus key, so fold it.
    static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }

    /// Reads `WATCHDOG_USEC` (and `WATCHDOG_PID`, which must be ours when present).
    static func watchdogInterval(environment: [String: String]) -> Duration? {
        guard let usecText = environment["WATCHDOG_USEC"], let usec = UInt64(usecText), usec > 0 else { return nil }
        if let pidText = environment["WATCHDOG_PID"], Int32(pidText) != getpid() { return nil }
        return .microseconds(usec / 2)
    }
}

/// The one system call sequence behind ``SystemdNotifier``: socket, sendto, close.
enum NotifyDatagram {
    /// Sends `payload` as one datagram to a path (`/run/…`) or abstract (`@name`) unix socket.
    static func send(_ payload: [UInt8], to address: String) -> Bool {
        guard var socketAddress = makeAddress(address) else { return false }
        // CLOEXEC so a child we spawn does not inherit the socket; a fresh socket per
        // call keeps the struct stateless (notifications are rare: start, stop, status).
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let sent = withUnsafePointer(to: &socketAddress.storage) { storage in
            storage.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                payload.withUnsafeBytes { bytes in
                    // MSG_NOSIGNAL: a vanished receiver must not kill us with SIGPIPE.
                    sendto(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL), pointer, socketAddress.length)
                }
            }
        }
        return sent == payload.count
    }

    /// A filled `sockaddr_un` and the length to pass with it, or nil if the path is too long.
    static func makeAddress(_ address: String) -> (storage: sockaddr_un, length: socklen_t)? {
        var storage = sockaddr_un()
        storage.sun_family = sa_family_t(AF_UNIX)
        var pathBytes = Array(address.utf8)
        let isAbstract = pathBytes.first == UInt8(ascii: "@")
        if isAbstract { pathBytes[0] = 0 }  // abstract names start with a NUL byte instead of '@'
        let capacity = MemoryLayout.size(ofValue: storage.sun_path)
        // Path sockets need room for the terminating NUL; abstract names are length-delimited.
        guard !pathBytes.isEmpty, pathBytes.count <= (isAbstract ? capacity : capacity - 1) else { return nil }
        withUnsafeMutableBytes(of: &storage.sun_path) { raw in
            raw.copyBytes(from: pathBytes)
        }
        let pathOffset = MemoryLayout<sockaddr_un>.offset(of: \.sun_path) ?? 2
        // For abstract sockets every byte of the length is part of the name, so no trailing NUL.
        let length = pathOffset + pathBytes.count + (isAbstract ? 0 : 1)
        return (storage, socklen_t(length))
    }
}
