import Foundation
import LoopTestSupport
import Testing

/// A client of the same user that abuses its connection to loopd (issue 13,
/// item 15): pipelining without reading must not grow loopd without bound,
/// and a huge request id must not be echoed back.
@Suite(.serialized) struct MCPFloodTests {
    static let handshake = #"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"flood","version":"1"}}}"# + "\n" + #"{"jsonrpc":"2.0","method":"notifications/initialized"}"# + "\n"

    /// Writes up to `total` bytes of pipelined `tools/list` requests (each
    /// answered with the whole tool catalog) and never reads; stops early when
    /// loopd has not taken a byte for `stall` seconds (10: long enough that a loopd busy with what it read already is not mistaken for one pushing back). Prints how much it sent,
    /// then holds the connection open until killed.
    static let flood = """
        import socket, sys, time
        path, total, stall = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.connect(path)
        s.sendall(sys.argv[4].encode())
        chunk = b"".join(b'{"jsonrpc":"2.0","id":%d,"method":"tools/list"}\\n' % i for i in range(20000))
        s.settimeout(0.2)
        sent, last = 0, time.time()
        while sent < total and time.time() - last < stall:
            try:
                n = s.send(chunk)
            except socket.timeout:
                continue
            sent += n
            last = time.time()
            if n < len(chunk):
                chunk = chunk[n:] + chunk[:n]
        print("sent", sent, "stalled" if sent < total else "all", flush=True)
        time.sleep(600)
        """

    /// One initialize on a fresh connection; prints "answered" when the answer comes.
    static let probe = """
        import socket, sys
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.connect(sys.argv[1]); s.settimeout(10)
        s.sendall(b'{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"x","version":"1"}}}\\n')
        data = b""
        while b"\\n" not in data:
            part = s.recv(65536)
            if not part: break
            data += part
        print("answered" if b'"serverInfo"' in data else "no-answer", flush=True)
        """

    /// loopd's resident and peak memory in kB (`VmRSS`, `VmHWM` of /proc/PID/status).
    static func memory(_ pid: Int32) -> (rss: Int, peak: Int)? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        func field(_ name: String) -> Int? {
            status.split(separator: "\n").first { $0.hasPrefix(name + ":") }
                .flatMap { Int($0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") }
        }
        guard let rss = field("VmRSS"), let peak = field("VmHWM") else { return nil }
        return (rss, peak)
    }

    /// 200 MB of pipelined requests, none of the answers read: loopd stops
    /// reading that connection instead of buffering, stays under 200 MB, and
    /// still answers another client, and stops on SIGTERM with that client connected.
    @Test func pipelinedFloodWithoutReadingStaysBounded() async throws {
        guard LoopBinaries.available, FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else { return }
        let harness = try DaemonHarness()
        let daemon = try await harness.startDaemon()
        let pid = daemon.process.processIdentifier
        let socket = harness.user.root.appending("run/loop/loopd.sock").path
        let before = try #require(Self.memory(pid))
        let flood = try ChildProcess(
            "/usr/bin/python3", ["-c", Self.flood, socket, String(200 << 20), "10", Self.handshake],
            environment: harness.user.environment, logDirectory: harness.logs)
        defer { flood.signal(SIGKILL) }
        // Sample while the flood runs; give up (and stop it) once loopd passes 400 MB.
        var highest = before.rss
        let finished = await eventually(timeout: 90) {
            if let now = Self.memory(pid) { highest = max(highest, now.rss) }
            return flood.stdout.contains("sent") || highest > 400_000
        }
        let sent = flood.stdout
        let other = try await ChildProcess.run(
            "/usr/bin/python3", ["-c", Self.probe, socket], environment: harness.user.environment, logDirectory: harness.logs, timeout: 20)
        let after = try #require(Self.memory(pid))
        print("MCPFloodTests: loopd VmRSS \(before.rss) kB before, \(after.rss) kB after, peak \(after.peak) kB; flood: \(sent)")
        #expect(finished)
        #expect(sent.contains("stalled"), "loopd read all 200 MB instead of pushing back: \(sent)")
        #expect(after.peak < 200_000, "loopd's peak RSS \(after.peak) kB")
        // Before the bound, 400 kB of these requests (8,000 tasks, each with its
        // answer) took loopd from 50 to 182 MB; now it grows by about 4 MB.
        #expect(after.peak - before.rss < 50_000, "loopd grew by \(after.peak - before.rss) kB under the flood")
        #expect(other.stdout.contains("answered"), "another client was not answered during the flood: \(other)")
        // loopd still stops promptly while the flooding client holds its connection.
        await harness.stop(daemon)
    }

    /// A request whose id is 5 MB: refused with a short error carrying a null
    /// id (not echoed), and the connection goes on.
    @Test func hugeIdIsRefusedWithoutEcho() async throws {
        guard LoopBinaries.available, FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else { return }
        let harness = try DaemonHarness()
        let daemon = try await harness.startDaemon()
        let socket = harness.user.root.appending("run/loop/loopd.sock").path
        let client = """
            import json, socket, sys
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.connect(sys.argv[1]); s.settimeout(20)
            s.sendall(sys.argv[2].encode())
            s.sendall(b'{"jsonrpc":"2.0","id":"' + b"x" * (5 << 20) + b'","method":"ping"}\\n')
            s.sendall(b'{"jsonrpc":"2.0","id":2,"method":"ping"}\\n')
            data = b""
            while True:
                lines = data.split(b"\\n")
                if any(b'"id":2' in l for l in lines[:-1]): break
                part = s.recv(1 << 20)
                if not part: break
                data += part
            for line in data.split(b"\\n")[:-1]:
                print(len(line), line[:300].decode(errors="replace"), flush=True)
            """
        let result = try await ChildProcess.run(
            "/usr/bin/python3", ["-c", client, socket, Self.handshake], environment: harness.user.environment,
            logDirectory: harness.logs, timeout: 60)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        // initialize's answer, the refusal, the second ping's answer.
        #expect(lines.count == 3, "\(result.stdout.prefix(2000)) \(result.stderr)")
        let lengths = lines.compactMap { Int($0.split(separator: " ").first ?? "") }
        #expect(lengths.allSatisfy { $0 < 4096 }, "an answer of \(lengths.max() ?? 0) bytes: the id was echoed")
        let refusal = lines.first { $0.contains("\"error\"") } ?? ""
        #expect(refusal.contains("\"id\":null") && refusal.contains("-32600") && refusal.contains("256"), "\(refusal)")
        #expect(lines.last?.contains("\"id\":2") == true)
        await harness.stop(daemon)
    }
}
