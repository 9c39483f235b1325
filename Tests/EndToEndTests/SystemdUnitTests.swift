import Foundation
import LoopTestSupport
import Testing

/// `systemd/loopd.service` must pass `systemd-analyze verify` with no complaints,
/// since systemd only *warns* about unknown or misspelt keys and then ignores them.
@Suite struct SystemdUnitTests {
    static let systemdAnalyze: String? = {
        for candidate in ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        print("SystemdUnitTests: skipped, systemd-analyze not found")
        return nil
    }()

    struct Verification {
        var status: Int32
        var standardError: String
    }

    /// Verifies a copy of `unitText` named `loopd.service` in a temporary directory, with
    /// ExecStart pointing at /bin/true (verify rejects a missing binary, and ~/.local/bin/loopd
    /// is not installed on a build machine) and a private XDG_RUNTIME_DIR (verify --user needs
    /// one to resolve RuntimeDirectory=, and CI often has no login session).
    static func verify(_ tool: String, unitText: String) throws -> Verification {
        let directory = try TemporaryDirectory(prefix: "loop-unit")
        defer { directory.remove() }
        let runtime = directory.appending("runtime")
        try FileManager.default.createDirectory(at: runtime, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let testable = unitText.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("ExecStart=") ? "ExecStart=/bin/true" : String($0) }
            .joined(separator: "\n")
        let unit = directory.appending("loopd.service")
        try testable.write(to: unit, atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["verify", "--user", unit.path]
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_RUNTIME_DIR"] = runtime.path
        environment["SYSTEMD_PAGER"] = "cat"
        process.environment = environment
        let errorPipe = Pipe()
        process.standardError = errorPipe
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let errorData = errorPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Verification(status: process.terminationStatus,
                            standardError: String(decoding: errorData, as: UTF8.self))
    }

    static func shippedUnitText() throws -> String {
        try String(contentsOf: Fixtures.repositoryRoot.appendingPathComponent("systemd/loopd.service"), encoding: .utf8)
    }

    @Test func shippedUnitVerifiesWithoutWarnings() throws {
        guard let tool = Self.systemdAnalyze else { return }
        let result = try Self.verify(tool, unitText: try Self.shippedUnitText())
        #expect(result.status == 0, "systemd-analyze verify failed: \(result.standardError)")
        // Problems in the file are reported as "<path>:<line>: …"; anything naming our unit is a finding.
        #expect(!result.standardError.contains("loopd.service"), "warnings: \(result.standardError)")
        #expect(!result.standardError.contains("Unknown"), "warnings: \(result.standardError)")
    }

    @Test func shippedUnitIsAUserNotifyServiceWithGracefulStop() throws {
        let lines = Set(try Self.shippedUnitText().split(separator: "\n").map(String.init))
        for expected in ["Type=notify", "ExecStart=%h/.local/bin/loopd", "Restart=on-failure",
                         "KillSignal=SIGTERM", "WantedBy=default.target"] {
            #expect(lines.contains(expected), "missing \(expected)")
        }
    }

    /// Guards the check above: a misspelt key must show up on stderr, or the test proves nothing.
    @Test func verificationReportsAnUnknownKey() throws {
        guard let tool = Self.systemdAnalyze else { return }
        let broken = try Self.shippedUnitText().replacingOccurrences(of: "Type=notify", with: "Type=notify\nKilSignal=SIGTERM")
        let result = try Self.verify(tool, unitText: broken)
        #expect(result.standardError.contains("Unknown key 'KilSignal'"), "stderr: \(result.standardError)")
    }
}
