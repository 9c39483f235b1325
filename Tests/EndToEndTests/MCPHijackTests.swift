import Foundation
import LoopTestSupport
import Testing

/// Another local user tries to stand between a harness and loopd (issue 13,
/// item 1). The victim is a real non-root user (`loopother`) with no
/// `XDG_RUNTIME_DIR`, so its socket path is the real fallback
/// `/tmp/loop-<uid>/loop/loopd.sock`; the attacker is `nobody`. Needs root
/// (to act as both, through setpriv).
@Suite(.serialized) struct MCPHijackTests {
    static let attacker = (uid: "65534", gid: "65534", name: "nobody")

    /// The victim's files: a TestUser tree handed to `loopother`, without a runtime dir.
    struct Victim {
        let user: TestUser
        let uid: String
        let gid: String
        var environment: [String: String]
        var fallback: String { "/tmp/loop-\(uid)" }
        var logs: URL { user.root.appending("logs") }

        init?() throws {
            guard let other = MCPSocketTests.otherUser, LoopBinaries.available else { return nil }
            user = try TestUser()
            uid = other.uid
            gid = other.gid
            environment = user.environment
            environment["XDG_RUNTIME_DIR"] = nil
            environment["USER"] = "loopother"
            try FileManager.default.createDirectory(at: user.root.appending("logs"), withIntermediateDirectories: true)
            _ = MCPSocketTests.run("/bin/chown", ["-R", "\(uid):\(gid)", user.root.path])
            _ = MCPSocketTests.run("/bin/chmod", ["0755", user.root.path])
            _ = MCPSocketTests.run("/bin/rm", ["-rf", fallback])
        }

        func cleanUp() {
            _ = MCPSocketTests.run("/bin/rm", ["-rf", fallback])
            user.root.remove()
        }

        /// The path the victim runs `name` (loopd, loopctl) from: the build's own
        /// when loopother can reach it, else a copy in a folder anyone may enter
        /// (a clone under a private home, such as /root, is out of its reach).
        func binary(_ name: String) -> String {
            let built = LoopBinaries.path(name)
            if MCPSocketTests.run("/usr/bin/setpriv", asVictim(["/usr/bin/test", "-x", built])).status == 0 { return built }
            let copy = user.root.appending("bin/\(name)").path
            if !FileManager.default.fileExists(atPath: copy) {
                try? FileManager.default.createDirectory(at: user.root.appending("bin"), withIntermediateDirectories: true)
                try? FileManager.default.copyItem(atPath: built, toPath: copy)
                _ = MCPSocketTests.run("/bin/chmod", ["0755", user.root.appending("bin").path, copy])
            }
            return copy
        }

        /// setpriv's arguments to run `command` as the victim.
        func asVictim(_ command: [String]) -> [String] {
            ["--reuid=\(uid)", "--regid=\(gid)", "--clear-groups"] + command
        }
    }

    static func asAttacker(_ command: [String]) -> [String] {
        ["--reuid=\(attacker.uid)", "--regid=\(attacker.gid)", "--clear-groups"] + command
    }

    /// A fake loopd, run as the attacker: records what it is sent, answers with its own result.
    static let fakeServer = """
        import os, socket, sys
        path = sys.argv[1]
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.bind(path); os.chmod(path, 0o777); s.listen(8)
        print("listening", flush=True)
        while True:
            c, _ = s.accept()
            print("connected", flush=True)
            c.settimeout(5)
            try:
                data = c.recv(65536)
            except OSError:
                data = b""
            print("received", len(data), data[:300], flush=True)
            if data:
                c.sendall(b'{"jsonrpc":"2.0","id":1,"result":{"serverInfo":{"name":"FAKE-LOOP","version":"6.6.6"}}}\\n')
            c.close()
        """

    static let initialize = #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"claude-code","version":"1"}}}"# + "\n"

    /// `loopctl mcp` as the victim, stdin from a file; output captured by the root shell.
    /// The attacker's fake MCP server listening on `socket`, once it says so.
    static func fakeServer(at socket: String, for victim: Victim) async throws -> ChildProcess {
        let fake = try ChildProcess(
            "/usr/bin/setpriv", asAttacker(["/usr/bin/python3", "-c", fakeServer, socket]),
            environment: victim.environment, logDirectory: victim.logs)
        #expect(await eventually { fake.stdout.contains("listening") }, "\(fake.stderr)")
        return fake
    }

    static func bridge(_ victim: Victim, environment: [String: String]? = nil) async -> (status: Int32, stdout: String, stderr: String) {
        let directory = victim.logs.appendingPathComponent("bridge-\(UUID().uuidString.prefix(6))")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let input = directory.appendingPathComponent("in").path
        let output = directory.appendingPathComponent("out").path
        let errors = directory.appendingPathComponent("err").path
        try? initialize.write(toFile: input, atomically: true, encoding: .utf8)
        let command = (["timeout", "20", "/usr/bin/setpriv"] + victim.asVictim([victim.binary("loopctl"), "mcp"]))
            .map { "'\($0)'" }.joined(separator: " ")
        let script = "\(command) < '\(input)' > '\(output)' 2> '\(errors)'; echo $?"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.environment = environment ?? victim.environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardInput = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return (-1, "", "cannot start sh") }
        let status = await MCPSocketTests.blockingRead(pipe)
        return (Int32(status.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1,
                (try? String(contentsOfFile: output, encoding: .utf8)) ?? "", (try? String(contentsOfFile: errors, encoding: .utf8)) ?? "")
    }

    /// The attacker made `/tmp/loop-<victim uid>` first: loopd must not put its
    /// socket below it, must say why, and must exit non-zero. Once the directory
    /// is gone, the same loopd starts and the victim's bridge reaches it.
    @Test func daemonRefusesAFallbackDirectoryOwnedByAnotherUser() async throws {
        guard let victim = try Victim() else { return }
        defer { victim.cleanUp() }
        let planted = MCPSocketTests.run("/usr/bin/setpriv", Self.asAttacker(["/bin/mkdir", "-m", "0777", victim.fallback]))
        #expect(planted.status == 0, "\(planted.output)")

        let daemon = try ChildProcess(
            "/usr/bin/setpriv", victim.asVictim([victim.binary("loopd")]), environment: victim.environment, logDirectory: victim.logs)
        let status = await daemon.wait(timeout: 20)
        if status == nil { daemon.signal(SIGKILL) }
        #expect(status != nil && status != 0, "loopd must exit non-zero; it ran on. stderr: \(daemon.stderr)")
        #expect(daemon.stderr.contains("\(victim.fallback) belongs to nobody (uid 65534)"), "\(daemon.stderr)")
        #expect(daemon.stderr.contains("XDG_RUNTIME_DIR"), "\(daemon.stderr)")
        #expect(!FileManager.default.fileExists(atPath: victim.fallback + "/loop"), "nothing created in the attacker's directory")

        // Without the planted directory the fallback works for a real non-root user.
        _ = MCPSocketTests.run("/bin/rm", ["-rf", victim.fallback])
        let good = try ChildProcess(
            "/usr/bin/setpriv", victim.asVictim([victim.binary("loopd")]), environment: victim.environment, logDirectory: victim.logs)
        let socket = victim.fallback + "/loop/loopd.sock"
        #expect(await eventually { FileManager.default.fileExists(atPath: socket) }, "\(good.stderr)")
        let answer = await Self.bridge(victim)
        #expect(answer.stdout.contains("\"serverInfo\"") && answer.stdout.contains("loop"), "\(answer.stderr) / \(good.stderr)")
        var info = stat()
        #expect(stat(victim.fallback, &info) == 0 && info.st_mode & 0o777 == 0o700 && String(info.st_uid) == victim.uid)
        good.signal(SIGTERM)
        #expect(await good.wait(timeout: 10) == 0, "\(good.stderr)")
    }

    /// The attacker owns the fallback directory and serves a socket there: the
    /// victim's `loopctl mcp` must not send it a byte, must exit 3 and say why,
    /// and must not pass the fake server's answer on to the harness.
    @Test func bridgeRefusesASocketPlantedByAnotherUser() async throws {
        guard let victim = try Victim() else { return }
        defer { victim.cleanUp() }
        let directory = victim.fallback + "/loop"
        let planted = MCPSocketTests.run("/usr/bin/setpriv", Self.asAttacker(["/bin/mkdir", "-p", "-m", "0777", directory]))
        #expect(planted.status == 0, "\(planted.output)")
        let socket = directory + "/loopd.sock"
        let fake = try await Self.fakeServer(at: socket, for: victim)
        defer { fake.signal(SIGKILL) }

        let result = await Self.bridge(victim)
        #expect(result.status == 3, "\(result)")
        #expect(result.stderr.contains("refusing to connect to \(socket)"), "\(result.stderr)")
        #expect(result.stderr.contains("\(victim.fallback) belongs to nobody (uid 65534)"), "\(result.stderr)")
        #expect(!result.stdout.contains("FAKE-LOOP"), "the fake server's answer reached the harness: \(result.stdout)")
        #expect(result.stdout.contains("\"error\"") && result.stdout.contains("refused"), "\(result.stdout)")
        #expect(!fake.stdout.contains("connected"), "the bridge connected to the planted socket: \(fake.stdout)")

        // loopctl doctor reports the same finding.
        let doctor = try await ChildProcess.run(
            "/usr/bin/setpriv", victim.asVictim([victim.binary("loopctl"), "doctor"]), environment: victim.environment,
            logDirectory: victim.logs)
        #expect((doctor.stdout + doctor.stderr).contains("belongs to nobody (uid 65534)"), "\(doctor.stdout) \(doctor.stderr)")
        #expect(!fake.stdout.contains("received"), "\(fake.stdout)")
    }

    /// The socket file and its directory are the victim's, but the process
    /// listening on it runs as another user (it bound the socket, then the
    /// file and directory were handed over; root does the handing here). Only
    /// the server's SO_PEERCRED shows it: the bridge must check it after
    /// connect and before sending the harness's first byte.
    @Test func bridgeRefusesAServerRunningAsAnotherUser() async throws {
        guard let victim = try Victim() else { return }
        defer { victim.cleanUp() }
        let runtime = victim.user.root.appending("run").path
        let directory = runtime + "/loop"
        _ = MCPSocketTests.run("/bin/mkdir", ["-p", directory])
        _ = MCPSocketTests.run("/bin/chown", ["\(Self.attacker.uid):\(Self.attacker.gid)", directory])
        let socket = directory + "/loopd.sock"
        let fake = try await Self.fakeServer(at: socket, for: victim)
        defer { fake.signal(SIGKILL) }
        for path in [runtime, directory, socket] { _ = MCPSocketTests.run("/bin/chown", ["\(victim.uid):\(victim.gid)", path]) }
        _ = MCPSocketTests.run("/bin/chmod", ["0700", runtime, directory])
        _ = MCPSocketTests.run("/bin/chmod", ["0600", socket])

        var environment = victim.environment
        environment["XDG_RUNTIME_DIR"] = runtime
        let result = await Self.bridge(victim, environment: environment)
        #expect(result.status == 3, "\(result)")
        #expect(result.stderr.contains("refusing to talk to \(socket)"), "\(result.stderr)")
        #expect(result.stderr.contains("runs as nobody (uid 65534)"), "\(result.stderr)")
        #expect(!result.stdout.contains("FAKE-LOOP"), "the fake server's answer reached the harness: \(result.stdout)")
        // It did connect (that is how it learns the server's uid), but sent nothing.
        #expect(await eventually(timeout: 10) { fake.stdout.contains("received 0") }, "\(fake.stdout)")
        #expect(!fake.stdout.contains("initialize"), "the harness's request reached the fake server: \(fake.stdout)")
    }
}
