import Foundation
import LoopTestSupport
import Testing

/// loopd under a stand-in systemd: READY=1, STATUS= in the requested shape,
/// and WATCHDOG=1 pings, which come from the event loop (SIGSTOP stops them).
@Suite("loopd watchdog", .serialized, .enabled(if: LoopBinaries.available, "build loopd and loopctl first (make test does)"))
struct WatchdogEndToEndTests {
    @Test func pingsWhileTheLoopRunsAndStopsWhenItIsFrozen() async throws {
        let harness = try DaemonHarness()
        defer { harness.user.root.remove() }
        let listener = try SystemdNotifyListener()
        var environment = harness.user.environment
        environment["NOTIFY_SOCKET"] = listener.environmentValue
        environment["WATCHDOG_USEC"] = "200000"  // ping every 100 ms
        let daemon = try ChildProcess(LoopBinaries.path("loopd"), [], environment: environment, logDirectory: harness.logs)
        defer { daemon.signal(SIGKILL) }

        let ready = try #require(listener.receive(), "no READY=1; stderr: \(daemon.stderr)")
        #expect(ready.hasPrefix("READY=1\nSTATUS=watching "))
        #expect(ready.contains(" files, 0 pending"))
        var pings = 0
        while pings < 3, let message = listener.receive(timeout: .seconds(2)) {
            if message == "WATCHDOG=1" { pings += 1 }
        }
        #expect(pings == 3, "loopd should ping about every 100 ms")

        // A frozen process must stop pinging (systemd would then restart it).
        daemon.signal(SIGSTOP)
        while listener.receive(timeout: .milliseconds(100)) != nil {}  // drain what was in flight
        #expect(listener.receive(timeout: .milliseconds(600)) == nil)
        daemon.signal(SIGCONT)
        #expect(listener.receive(timeout: .seconds(2)) != nil, "pings resume after SIGCONT")
        daemon.signal(SIGTERM)
        #expect(await daemon.wait(timeout: 10) == 0)
    }

    @Test func noWatchdogWithoutWatchdogUsec() async throws {
        let harness = try DaemonHarness()
        defer { harness.user.root.remove() }
        let listener = try SystemdNotifyListener()
        var environment = harness.user.environment
        environment["NOTIFY_SOCKET"] = listener.environmentValue
        let daemon = try ChildProcess(LoopBinaries.path("loopd"), [], environment: environment, logDirectory: harness.logs)
        defer { daemon.signal(SIGKILL) }
        #expect(listener.receive()?.hasPrefix("READY=1") == true)
        while let message = listener.receive(timeout: .milliseconds(500)) {
            #expect(message != "WATCHDOG=1")
        }
        daemon.signal(SIGTERM)
        #expect(await daemon.wait(timeout: 10) == 0)
    }
}
