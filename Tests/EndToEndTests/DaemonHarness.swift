import Foundation
import LoopTestSupport
import Testing

/// A real `loopd` under a temporary user, and `loopctl` against the same outbox.
struct DaemonHarness {
    let user: TestUser
    var logs: URL { user.root.url }

    init() throws {
        user = try TestUser()
        try user.writeConfig("""
            [detector]
            settle_ms = 50
            transcript_lag_ms = 300
            """)
    }

    func startDaemon() async throws -> ChildProcess {
        let daemon = try ChildProcess(LoopBinaries.path("loopd"), ["--log-level", "debug"], environment: user.environment, logDirectory: logs)
        let statusFile = user.root.appending("run/loop/status.json").path
        let ready = await eventually { FileManager.default.fileExists(atPath: statusFile) && (try? String(contentsOfFile: statusFile, encoding: .utf8))?.contains("\"pid\" : \(daemon.process.processIdentifier)") == true }
        #expect(ready, "loopd wrote no status; stderr: \(daemon.stderr)")
        return daemon
    }

    func stop(_ daemon: ChildProcess) async {
        daemon.signal(SIGTERM)
        let status = await daemon.wait(timeout: 10)
        #expect(status == 0, "loopd should stop cleanly on SIGTERM; stderr: \(daemon.stderr.suffix(2000))")
    }

    func loopctl(_ arguments: String...) async throws -> (status: Int32, stdout: String, stderr: String) {
        try await ChildProcess.run(LoopBinaries.path("loopctl"), arguments, environment: user.environment, logDirectory: logs)
    }

    func lessons() async throws -> [[String: Any]] {
        let result = try await loopctl("list", "--json")
        guard result.status == 0, let data = result.stdout.data(using: .utf8),
              let array = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else {
            Issue.record("loopctl list --json failed: \(result.stderr)")
            return []
        }
        return array
    }

    /// Claude Code's folder name for a project: every non-alphanumeric character becomes "-".
    func projectDirectory(for cwd: String) throws -> URL {
        let name = String(cwd.map { $0.isLetter || $0.isNumber ? $0 : "-" })
        let dir = user.claudeProjects.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}

/// Appends to a file the way a harness does: one write per line.
struct TranscriptWriter {
    let handle: FileHandle

    /// A new, empty file; with `appending`, the existing one is continued.
    init(path: URL, appending: Bool = false) throws {
        if !appending { FileManager.default.createFile(atPath: path.path, contents: nil) }
        handle = try FileHandle(forWritingTo: path)
    }

    func append(_ line: String) throws {
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((line + "\n").utf8))
    }

    func append(bytes: [UInt8]) throws {
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(bytes))
    }
}
