import Foundation

/// The built `loopd` and `loopctl` executables. `make test` builds them before
/// `swift test`; `LOOP_BIN_DIR` points elsewhere.
public enum LoopBinaries {
    public static var directory: URL {
        if let override = ProcessInfo.processInfo.environment["LOOP_BIN_DIR"] {
            return URL(fileURLWithPath: override)
        }
        return Fixtures.repositoryRoot.appendingPathComponent(".build/debug")
    }

    public static func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    public static var available: Bool {
        FileManager.default.isExecutableFile(atPath: path("loopd")) && FileManager.default.isExecutableFile(atPath: path("loopctl"))
    }
}

/// A temporary user: HOME and XDG folders of its own, so tests never touch the real ones.
public struct TestUser: Sendable {
    public let root: TemporaryDirectory
    public var home: URL { root.appending("home") }
    public var environment: [String: String]

    public init() throws {
        root = try TemporaryDirectory(prefix: "loop-user")
        let home = root.appending("home")
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home.path
        environment["XDG_CONFIG_HOME"] = home.appendingPathComponent(".config").path
        environment["XDG_STATE_HOME"] = home.appendingPathComponent(".local/state").path
        environment["XDG_RUNTIME_DIR"] = root.appending("run").path
        environment["CLAUDE_CONFIG_DIR"] = nil
        environment["CODEX_HOME"] = nil
        environment["XDG_DATA_HOME"] = nil
        environment["NOTIFY_SOCKET"] = nil
        environment["JOURNAL_STREAM"] = nil
        self.environment = environment
        for dir in [home, home.appendingPathComponent(".config/loop"), root.appending("run")] {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        }
    }

    public var claudeProjects: URL { home.appendingPathComponent(".claude/projects") }
    public var outboxPath: String { home.appendingPathComponent(".local/state/loop/outbox.sqlite3").path }

    public func writeConfig(_ toml: String) throws {
        try toml.write(to: home.appendingPathComponent(".config/loop/config.toml"), atomically: true, encoding: .utf8)
    }
}

/// A child process with its output captured in files (pipes could fill and block it).
public final class ChildProcess: @unchecked Sendable {
    // @unchecked: `process` is only touched from the test's own task; Foundation's
    // Process is not marked Sendable but is safe to signal and wait from one task.
    public let process = Process()
    public let stdoutURL: URL
    public let stderrURL: URL

    public init(_ executable: String, _ arguments: [String], environment: [String: String], logDirectory: URL) throws {
        let id = UUID().uuidString.prefix(6)
        stdoutURL = logDirectory.appendingPathComponent("\((executable as NSString).lastPathComponent)-\(id).out")
        stderrURL = logDirectory.appendingPathComponent("\((executable as NSString).lastPathComponent)-\(id).err")
        FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    public var stdout: String { (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "" }
    public var stderr: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }

    public func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits for exit up to `timeout` seconds; returns the status, or nil if still running.
    public func wait(timeout: TimeInterval) async -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// Runs a command to completion and returns (status, stdout, stderr).
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String], logDirectory: URL, timeout: TimeInterval = 60) async throws -> (status: Int32, stdout: String, stderr: String) {
        let child = try ChildProcess(executable, arguments, environment: environment, logDirectory: logDirectory)
        guard let status = await child.wait(timeout: timeout) else {
            child.signal(SIGKILL)
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "\(executable) \(arguments) did not finish in \(timeout) s"])
        }
        return (status, child.stdout, child.stderr)
    }
}

/// Waits until `condition` holds, checking every 50 ms, up to `timeout` seconds.
public func eventually(timeout: TimeInterval = 15, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(50))
    }
    return try await condition()
}

extension ChildProcess {
    /// Runs a command with `input` on its standard input.
    public static func runWithInput(
        _ executable: String, _ arguments: [String], input: String, environment: [String: String], logDirectory: URL
    ) async throws -> (status: Int32, stdout: String, stderr: String) {
        let inputFile = logDirectory.appendingPathComponent("stdin-\(UUID().uuidString.prefix(6))")
        try input.write(to: inputFile, atomically: true, encoding: .utf8)
        return try await run("/bin/sh", ["-c", "exec \"$0\" \"$@\" < \"\(inputFile.path)\"", executable] + arguments,
                             environment: environment, logDirectory: logDirectory)
    }
}
