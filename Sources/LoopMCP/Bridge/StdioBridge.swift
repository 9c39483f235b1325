#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The byte pump behind `loopctl mcp`. Blocking `poll(2)` on both sides: it
/// sleeps until one of them has data, never on a timer.
public enum StdioBridge {
    /// Connects to the socket through `DaemonSocket.connect` (which checks, before
    /// a byte is sent, that the path, the socket file and the serving process
    /// are ours); if nothing answers and a systemd user manager runs, asks it to
    /// start loopd.socket (socket activation) and tries again.
    /// - Throws: the last `DaemonSocket.Failure`; an `.untrusted` one at once,
    ///   without starting anything.
    public static func connect(path: String) throws(DaemonSocket.Failure) -> Int32 {
        let first = Result { () throws(DaemonSocket.Failure) in try DaemonSocket.connect(path: path) }
        guard case .failure(let failure) = first else { return try first.get() }
        guard failure.kind == .unreachable else { throw failure }
        let runtime = ProcessInfo.processInfo.environment["XDG_RUNTIME_DIR"] ?? ""
        guard !runtime.isEmpty, FileManager.default.fileExists(atPath: runtime + "/systemd"),
              FileManager.default.isExecutableFile(atPath: "/usr/bin/systemctl") else { throw failure }
        let start = Process()
        start.executableURL = URL(fileURLWithPath: "/usr/bin/systemctl")
        start.arguments = ["--user", "start", "loopd.socket"]
        start.standardOutput = FileHandle.nullDevice
        start.standardError = FileHandle.nullDevice
        guard (try? start.run()) != nil else { throw failure }
        start.waitUntilExit()
        return try DaemonSocket.connect(path: path)
    }

    /// Copies stdin → socket and socket → stdout until the daemon closes. When
    /// stdin ends, the socket's write side is shut so the daemon still answers
    /// what it was sent, then closes.
    public static func pump(socket: Int32) {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0), pollfd(fd: socket, events: Int16(POLLIN), revents: 0)]
        var stdinOpen = true
        while true {
            let ready = poll(&fds, nfds_t(fds.count), -1)
            if ready < 0 {
                if errno == EINTR { continue }
                return
            }
            if stdinOpen, fds[0].revents != 0 {
                let count = read(STDIN_FILENO, &buffer, buffer.count)
                if count <= 0 {
                    stdinOpen = false
                    fds[0].fd = -1  // poll ignores negative descriptors
                    shutdown(socket, Int32(SHUT_WR))
                } else if !writeAll(socket, buffer, count) {
                    return
                }
            }
            if fds[1].revents != 0 {
                let count = read(socket, &buffer, buffer.count)
                if count <= 0 || !writeAll(STDOUT_FILENO, buffer, count) { return }
            }
        }
    }

    static func writeAll(_ fd: Int32, _ buffer: [UInt8], _ count: Int) -> Bool {
        var written = 0
        while written < count {
            let result = buffer.withUnsafeBytes { write(fd, $0.baseAddress! + written, count - written) }
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else { return false }
            written += result
        }
        return true
    }

    /// Without a daemon we may talk to, answers each request on stdin with a
    /// JSON-RPC error (so the harness shows the reason) until stdin closes.
    /// Nothing read here goes anywhere else.
    public static func answerUnreachable(reason: String) {
        while let line = readLine(strippingNewline: true) {
            guard let data = line.data(using: .utf8),
                  let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  object["method"] != nil, let id = object["id"] else { continue }
            let response: [String: Any] = ["jsonrpc": "2.0", "id": id, "error": ["code": -32000, "message": reason]]
            guard let encoded = try? JSONSerialization.data(withJSONObject: response) else { continue }
            FileHandle.standardOutput.write(encoded + Data("\n".utf8))
        }
    }
}
