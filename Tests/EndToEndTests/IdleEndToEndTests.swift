import Foundation
import LoopTestSupport
import Testing

/// An idle loopd wakes no thread: no timer, no polling (issue 8). Before it
/// idles, it has done what a working day does: followed a transcript, watched
/// a git working tree, waited for a hand edit to settle and made a lesson of
/// it, answered an MCP client that stays connected, and delivered the
/// approved lesson to a real hub.
@Suite("loopd idle", .serialized, HubHarness.required)
struct IdleEndToEndTests {
    @Test func anIdleDaemonWakesNoThreadAfterWork() async throws {
        let hub = try HubHarness()
        defer { hub.directory.remove() }
        try await hub.start()
        let contributor = try await hub.token(role: "contributor")
        let harness = try DaemonHarness()
        defer { harness.user.root.remove() }
        try await DeliveryEndToEndTests().login(harness, hub: hub, token: contributor)
        let daemon = try await harness.startDaemon()
        defer { daemon.signal(SIGKILL) }
        let pid = daemon.process.processIdentifier
        let lesson = try await Self.handEdit(harness)
        let client = try UnixClient(path: harness.user.root.appending("run/loop/loopd.sock").path)
        defer { client.close() }
        try client.send(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"idle-test","version":"1"}}}"#)
        #expect(try client.receiveLine().contains("\"serverInfo\""))
        try client.send(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)
        try client.send(#"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"lessons_pending","arguments":{}}}"#)
        #expect(try client.receiveLine().contains(String(lesson.prefix(8))))
        _ = try await harness.loopctl("approve", lesson)
        let sent = await eventually(timeout: 20) { (try? await harness.lessons().first?["state"] as? String) == "sent" }
        #expect(sent, "loopd delivers the approved lesson; stderr: \(daemon.stderr.suffix(2000))")

        // Quiet now. libdispatch's worker-pool monitor, for one, would wake
        // its thread once a second; 3 s show it three times.
        try await Task.sleep(for: .seconds(1))
        let before = ThreadSwitches(pid: pid)
        try await Task.sleep(for: .seconds(3))
        let after = ThreadSwitches(pid: pid)
        let woken = after.wakeups(since: before)
        #expect(woken.isEmpty, "threads woke while idle (name: context switches): \(woken)")
        await harness.stop(daemon)
        await hub.stop()
    }
}

extension IdleEndToEndTests {
    /// The hand-edit scenario of `HandEditEndToEndTests` in a git working tree; returns the lesson's id.
    static func handEdit(_ harness: DaemonHarness) async throws -> String {
        let repo = harness.user.home.appendingPathComponent("projects/todo-demo")
        try FileManager.default.createDirectory(at: repo.appendingPathComponent("components"), withIntermediateDirectories: true)
        let git = try await ChildProcess.run("/usr/bin/git", ["init", "-q", repo.path], environment: harness.user.environment, logDirectory: harness.logs)
        try #require(git.status == 0, "git init: \(git.stderr)")
        let lines = try String(contentsOf: Fixtures.url(HandEditEndToEndTests.fixture), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            .map { $0.replacingOccurrences(of: HandEditEndToEndTests.recordedCwd, with: repo.path) }
        let transcript = try TranscriptWriter(path: try harness.projectDirectory(for: repo.path).appendingPathComponent(HandEditEndToEndTests.sessionFile))
        let resultLine = HandEditEndToEndTests.writeResultLine
        for line in lines.prefix(resultLine - 1) { try transcript.append(line) }
        let file = repo.appendingPathComponent("components/TodoItem.tsx")
        let agentContent = try HandEditEndToEndTests.writeContent(lines[resultLine - 1])
        try agentContent.write(to: file, atomically: false, encoding: .utf8)
        try transcript.append(lines[resultLine - 1])
        let watching = await eventually { (try? String(contentsOfFile: harness.user.root.appending("run/loop/status.json").path, encoding: .utf8))?.contains(repo.path) == true }
        try #require(watching, "loopd should watch the session's working tree")
        try await Task.sleep(for: .milliseconds(500))
        var edited = agentContent.components(separatedBy: "\n")
        edited[9] = "  todo: Readonly<Todo>;"
        try edited.joined(separator: "\n").write(to: file, atomically: false, encoding: .utf8)
        let appeared = await eventually(timeout: 20) { (try? await harness.lessons().count) == 1 }
        try #require(appeared, "the hand edit should become a lesson")
        return try #require(try await harness.lessons().first?["id"] as? String)
    }
}

/// Context switches of each thread of a process, from /proc/PID/task/*/status.
struct ThreadSwitches {
    var byThread: [String: (name: String, count: Int)] = [:]

    init(pid: Int32) {
        let tasks = "/proc/\(pid)/task"
        for thread in (try? FileManager.default.contentsOfDirectory(atPath: tasks)) ?? [] {
            guard let status = try? String(contentsOfFile: "\(tasks)/\(thread)/status", encoding: .utf8) else { continue }
            var count = 0
            for line in status.split(separator: "\n") where line.contains("ctxt_switches:") {
                count += Int(line.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) ?? 0
            }
            let name = (try? String(contentsOfFile: "\(tasks)/\(thread)/comm", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
            byThread[thread] = (name, count)
        }
    }

    /// Threads alive in both samples that switched in between. A thread that
    /// ended meanwhile (a dispatch worker retiring) is not an idle wakeup.
    func wakeups(since earlier: ThreadSwitches) -> [String: Int] {
        var woken: [String: Int] = [:]
        for (thread, now) in byThread {
            guard let then = earlier.byThread[thread], now.count > then.count else { continue }
            woken["\(now.name) (\(thread))"] = now.count - then.count
        }
        return woken
    }
}

/// A blocking unix-socket client for newline-delimited JSON-RPC.
final class UnixClient {
    let descriptor: Int32
    private var buffer: [UInt8] = []

    init(path: String) throws {
        descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.prefix(raw.count - 1).enumerated() { raw[index] = byte }
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else {
            Glibc.close(descriptor)
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    func send(_ line: String) throws {
        let bytes = Array((line + "\n").utf8)
        guard write(descriptor, bytes, bytes.count) == bytes.count else { throw POSIXError(.EIO) }
    }

    func receiveLine() throws -> String {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            let count = read(descriptor, &chunk, chunk.count)
            guard count > 0 else { throw POSIXError(.ETIMEDOUT) }
            buffer += chunk[..<count]
        }
    }

    func close() { Glibc.close(descriptor) }
}
