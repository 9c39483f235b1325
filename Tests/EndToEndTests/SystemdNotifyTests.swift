import Foundation
import LoopTestSupport
import Testing

/// The sd_notify receiving side, checked against systemd's own `systemd-notify`,
/// so a loopd end-to-end test can trust ``SystemdNotifyListener`` to stand in for
/// systemd (start loopd with NOTIFY_SOCKET, await "READY=1").
@Suite struct SystemdNotifyTests {
    /// `systemd-notify`, or nil (with the reason printed) where systemd is not installed.
    static let systemdNotify: String? = {
        for candidate in ["/usr/bin/systemd-notify", "/bin/systemd-notify"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        print("SystemdNotifyTests: skipped, systemd-notify not found")
        return nil
    }()

    /// Runs `systemd-notify --no-block <arguments>` with NOTIFY_SOCKET set and returns its exit status.
    /// `--no-block` skips the BARRIER=1 round trip, which only a real service manager answers promptly.
    static func runSystemdNotify(_ tool: String, socket: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["--no-block"] + arguments
        process.environment = ["NOTIFY_SOCKET": socket, "PATH": "/usr/bin:/bin"]
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test(arguments: [false, true])
    func listenerReceivesReadyAndStatusFromSystemdNotify(abstract: Bool) throws {
        guard let tool = Self.systemdNotify else { return }
        let listener = try SystemdNotifyListener(abstract: abstract)
        let status = try Self.runSystemdNotify(tool, socket: listener.environmentValue,
                                               ["--ready", "--status=watching 3 files"])
        #expect(status == 0)
        #expect(listener.receive() == "READY=1\nSTATUS=watching 3 files")
    }

    @Test func listenerTimesOutWhenNothingIsSent() throws {
        let listener = try SystemdNotifyListener()
        #expect(listener.receive(timeout: .milliseconds(50)) == nil)
    }
}
