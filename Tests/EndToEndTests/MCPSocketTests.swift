import Foundation
import LoopTestSupport
import Testing

/// The MCP endpoint of a real loopd: who may connect, and socket activation.
@Suite(.serialized) struct MCPSocketTests {
    /// A second local user for the uid check (root only: useradd, setpriv).
    static let otherUser: (uid: String, gid: String)? = {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
            print("MCPSocketTests: uid test skipped (needs root and setpriv)")
            return nil
        }
        if run("/usr/bin/id", ["-u", "loopother"]).status != 0 {
            _ = run("/usr/sbin/useradd", ["-M", "-r", "-s", "/usr/sbin/nologin", "loopother"])
        }
        let uid = run("/usr/bin/id", ["-u", "loopother"])
        let gid = run("/usr/bin/id", ["-g", "loopother"])
        guard uid.status == 0, gid.status == 0 else { return nil }
        return (uid.output.trimmingCharacters(in: .whitespacesAndNewlines), gid.output.trimmingCharacters(in: .whitespacesAndNewlines))
    }()

    static func run(_ tool: String, _ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        guard (try? process.run()) != nil else { return (-1, "") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// A client written in Python, run as `loopother`: prints what happened.
    static let probe = """
        import socket, sys
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            s.connect(sys.argv[1])
        except OSError as e:
            print("connect-failed", e.errno); sys.exit(0)
        s.settimeout(10)
        try:
            s.sendall(b'{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"x","version":"1"}}}\\n')
        except (BrokenPipeError, ConnectionResetError):
            print("closed-without-answer"); sys.exit(0)  # refused before the request was even written
        try:
            data = s.recv(65536)
        except OSError as e:
            print("recv-error", e); sys.exit(0)
        print("answered" if data else "closed-without-answer")
        """

    func socketPath(_ harness: DaemonHarness) -> String { harness.user.root.appending("run/loop/loopd.sock").path }

    @Test func anotherUserIsRefused() async throws {
        guard let other = Self.otherUser, LoopBinaries.available else { return }
        let harness = try DaemonHarness()
        let daemon = try await harness.startDaemon()
        let socket = socketPath(harness)
        #expect(await eventually { FileManager.default.fileExists(atPath: socket) })
        // Let loopother reach the temporary tree (TemporaryDirectory is 0700 for root's eyes only on some systems).
        _ = Self.run("/bin/chmod", ["0755", harness.user.root.path, harness.user.root.appending("run").path])
        let probe = ["--reuid=\(other.uid)", "--regid=\(other.gid)", "--clear-groups", "/usr/bin/python3", "-c", Self.probe, socket]

        // 1. The file system already keeps it out: directory 0700, socket 0600.
        let blocked = Self.run("/usr/bin/setpriv", probe)
        #expect(blocked.output.hasPrefix("connect-failed 13"), "\(blocked.output)")

        // 2. Even with the permissions opened up, SO_PEERCRED refuses it before a byte is read.
        _ = Self.run("/bin/chmod", ["0755", (socket as NSString).deletingLastPathComponent])
        _ = Self.run("/bin/chmod", ["0777", socket])
        let refused = Self.run("/usr/bin/setpriv", probe)
        #expect(refused.output.hasPrefix("closed-without-answer") || refused.output.contains("Connection reset by peer"), "\(refused.output)")

        // 3. Our own uid is still served, and the daemon lives on.
        let own = Self.run("/usr/bin/python3", ["-c", Self.probe, socket])
        #expect(own.output.hasPrefix("answered"), "\(own.output)")
        await harness.stop(daemon)
        #expect(daemon.stderr.contains("refused an MCP connection from another user"))
        #expect(!FileManager.default.fileExists(atPath: socket), "loopd removes the socket it created")
    }

    /// systemd's socket activation: loopd serves the socket it is handed (fd 3).
    @Test func servesASocketPassedBySystemd() async throws {
        let activate = "/usr/bin/systemd-socket-activate"
        guard FileManager.default.isExecutableFile(atPath: activate), LoopBinaries.available else { return }
        let harness = try DaemonHarness()
        let directory = harness.user.root.appending("run/loop")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let socket = directory.appendingPathComponent("loopd.sock").path
        let daemon = try ChildProcess(activate, ["-l", socket, LoopBinaries.path("loopd")], environment: harness.user.environment, logDirectory: harness.logs)
        #expect(await eventually { FileManager.default.fileExists(atPath: socket) })
        // The first connection starts loopd, which then answers it.
        // stdin stays open a moment: loopd is still starting when the request arrives.
        let answer = await Self.bridge(environment: harness.user.environment, stdin: #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"x","version":"1"}}}"# + "\n", holdOpen: 3)
        #expect(answer.stdout.contains("\"serverInfo\""), "\(answer.stderr) / \(daemon.stderr)")
        await harness.stop(daemon)
        #expect(FileManager.default.fileExists(atPath: socket), "the socket belongs to systemd; loopd leaves it")
    }

    /// `systemd/loopd.socket` (with loopd.service beside it) verifies without complaints.
    @Test func socketUnitVerifies() throws {
        guard let tool = SystemdUnitTests.systemdAnalyze else { return }
        let directory = try TemporaryDirectory(prefix: "loop-socket-unit")
        defer { directory.remove() }
        let runtime = directory.appending("runtime")
        try FileManager.default.createDirectory(at: runtime, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let root = Fixtures.repositoryRoot.appendingPathComponent("systemd")
        let service = try String(contentsOf: root.appendingPathComponent("loopd.service"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("ExecStart=") ? "ExecStart=/bin/true" : String($0) }.joined(separator: "\n")
        try service.write(to: directory.appending("loopd.service"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: root.appendingPathComponent("loopd.socket"), to: directory.appending("loopd.socket"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["verify", "--user", directory.appending("loopd.socket").path]
        process.environment = ProcessInfo.processInfo.environment.merging(["XDG_RUNTIME_DIR": runtime.path, "SYSTEMD_PAGER": "cat"]) { $1 }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0 && output.isEmpty, "\(output)")
        let socket = try String(contentsOf: root.appendingPathComponent("loopd.socket"), encoding: .utf8)
        #expect(socket.contains("ListenStream=%t/loop/loopd.sock"))
        #expect(socket.contains("SocketMode=0600"))
    }

    @Test func bridgeWithoutDaemonAnswersWithAnError() async throws {
        guard LoopBinaries.available else { return }
        let user = try TestUser()
        let result = await Self.bridge(environment: user.environment, stdin: #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"# + "\n")
        #expect(result.status == 3)
        #expect(result.stdout.contains("\"error\""))
        #expect(result.stdout.contains("loopd is not running"))
    }

    /// `loopctl mcp` with `stdin` as its input (a file, so its end is an EOF),
    /// through `sh` with a time limit: a hung bridge fails the test, never hangs it.
    static func bridge(environment: [String: String], stdin: String, holdOpen: Int = 0) async -> (status: Int32, stdout: String, stderr: String) {
        let directory = (try? TemporaryDirectory(prefix: "loop-bridge")) ?? TemporaryDirectory.fallback
        defer { directory.remove() }
        let input = directory.appending("in.jsonl").path
        let output = directory.appending("out").path
        let errors = directory.appending("err").path
        try? stdin.write(toFile: input, atomically: true, encoding: .utf8)
        let feed = holdOpen > 0 ? "{ cat '\(input)'; sleep \(holdOpen); } |" : ""
        let redirect = holdOpen > 0 ? "" : "< '\(input)'"
        let script = "\(feed) timeout 20 '\(LoopBinaries.path("loopctl"))' mcp \(redirect) > '\(output)' 2> '\(errors)'; echo $?"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardInput = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return (-1, "", "cannot start sh") }
        let status = await blockingRead(pipe)
        return (Int32(status.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1,
                (try? String(contentsOfFile: output, encoding: .utf8)) ?? "", (try? String(contentsOfFile: errors, encoding: .utf8)) ?? "")
    }

    /// Reads a pipe to its end on a thread of its own.
    static func blockingRead(_ pipe: Pipe) async -> String {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)) }.start()
        }
    }
}

extension TemporaryDirectory {
    static var fallback: TemporaryDirectory { try! TemporaryDirectory(prefix: "loop-bridge") }
}
