#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A plain TCP connection to 127.0.0.1, non-blocking after connect, so tests can
/// hold many idle connections and poll them from async code without blocking a
/// concurrency thread.
struct RawConnection: Sendable {
    let fd: Int32

    /// Connects to 127.0.0.1:`port`; nil when the socket or connect fails.
    static func open(port: Int) -> RawConnection? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        // A loopback connect completes at once (the kernel queues it in the backlog);
        // a send timeout bounds it anyway.
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            _ = Glibc.close(fd)
            return nil
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        return RawConnection(fd: fd)
    }

    func send(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } == bytes.count
    }

    enum ReadState: Equatable { case open, closed, data(String) }

    /// What is readable right now, without waiting.
    func poll() -> ReadState {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if count > 0 { return .data(String(decoding: buffer.prefix(count), as: UTF8.self)) }
        if count == 0 { return .closed }
        return errno == EAGAIN || errno == EWOULDBLOCK ? .open : .closed
    }

    /// Sends `GET path` and waits up to `timeout` for a status line; returns the status code.
    func get(_ path: String, timeout: Duration) async -> Int? {
        guard send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n") else { return nil }
        let deadline = ContinuousClock.now + timeout
        var received = ""
        while ContinuousClock.now < deadline {
            switch poll() {
            case .data(let text):
                received += text
                // Skip what is left of an earlier response's body: find this one's status line.
                if let status = received.range(of: "HTTP/1.1 ", options: .backwards),
                   received[status.upperBound...].contains("\r\n\r\n") {
                    return Int(received[status.upperBound...].prefix(3))
                }
            case .closed: return nil
            case .open: try? await Task.sleep(for: .milliseconds(10))
            }
        }
        return nil
    }

    func close() { _ = Glibc.close(fd) }
}
