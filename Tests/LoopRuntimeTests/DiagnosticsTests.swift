import Foundation
import LoopTestSupport
import Testing
@testable import LoopRuntime

@Suite("doctor: pure checks")
struct DiagnosticsTests {
    @Test func inotifyWarnsAboveEightyPercentWithTheSysctl() {
        let fine = InotifyDiagnostics.check(maxWatches: 1000, maxInstances: 128, inUse: 800, limitReported: false)
        #expect(fine.status == .ok)
        let high = InotifyDiagnostics.check(maxWatches: 1000, maxInstances: 128, inUse: 801, limitReported: false)
        #expect(high.status == .warn)
        #expect(high.fix.contains("sudo sysctl fs.inotify.max_user_watches=524288"))
        #expect(high.fix.contains("/etc/sysctl.d/"))
        let reached = InotifyDiagnostics.check(maxWatches: 1000, maxInstances: nil, inUse: 10, limitReported: true)
        #expect(reached.status == .fail)
    }

    @Test func watchesAreCountedFromFdinfo() {
        let fdinfo = """
            pos:\t0
            flags:\t02004000
            mnt_id:\t15
            ino:\t1057
            inotify wd:2 ino:1a2b sdev:800001 mask:fce ignored_mask:0 fhandle-bytes:8 fhandle-type:1 f_handle:2b1a0000
            inotify wd:1 ino:1a2c sdev:800001 mask:fce ignored_mask:0 fhandle-bytes:8 fhandle-type:1 f_handle:2c1a0000
            """
        #expect(InotifyDiagnostics.countWatches(fdinfo: fdinfo) == 2)
    }

    @Test func ownInotifyWatchesAreFoundInProc() throws {
        let fd = inotify_init1(Int32(IN_CLOEXEC))
        try #require(fd >= 0)
        defer { close(fd) }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        #expect(inotify_add_watch(fd, directory.path, UInt32(IN_CREATE)) >= 0)
        #expect((InotifyDiagnostics.watchesInUse(pid: getpid()) ?? 0) >= 1)
    }

    @Test func hubTokenVerdicts() {
        #expect(HubDiagnostics.tokenVerdict(status: 200, hub: "h").status == .ok)
        #expect(HubDiagnostics.tokenVerdict(status: 403, hub: "h").status == .ok)
        #expect(HubDiagnostics.tokenVerdict(status: 401, hub: "h").status == .fail)
    }

    @Test func diskThresholds() {
        #expect(LocalDiagnostics.disk(freeBytes: 500_000_000, readOnly: false, directory: "/s").status == .ok)
        #expect(LocalDiagnostics.disk(freeBytes: 50_000_000, readOnly: false, directory: "/s").status == .warn)
        #expect(LocalDiagnostics.disk(freeBytes: 5_000_000, readOnly: false, directory: "/s").status == .fail)
        #expect(LocalDiagnostics.disk(freeBytes: 500_000_000, readOnly: true, directory: "/s").status == .fail)
    }

    @Test func missingSocketIsAWarningNamingTheMCPEndpoint() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let check = LocalDiagnostics.socket(runtimeDirectory: directory.path)
        #expect(check.status == .warn)
        #expect(check.detail.contains("no socket"))
        #expect(check.detail.contains("MCP endpoint not running"))
    }

    @Test func statusLineHasTheRequestedShape() {
        #expect(LoopDaemon.statusLine(harnesses: 3, files: 41, pending: 2, unrecorded: 0, watchLimitReached: false)
                == "watching 3 harnesses, 41 files, 2 pending")
        #expect(LoopDaemon.statusLine(harnesses: 1, files: 1, pending: 0, unrecorded: 2, watchLimitReached: true)
                == "watching 1 harness, 1 file, 0 pending, 2 not yet recorded (outbox unavailable, retrying), inotify watch limit reached")
    }

    @Test func retryBackoffIsCapped() {
        var operations = DaemonOperations()
        #expect(operations.retryDelay == .seconds(1))
        operations.failedRetries = 3
        #expect(operations.retryDelay == .seconds(8))
        operations.failedRetries = 40
        #expect(operations.retryDelay == .seconds(30))
    }
}
