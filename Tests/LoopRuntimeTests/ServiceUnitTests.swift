import Foundation
import LoopTestSupport
import Testing
@testable import LoopRuntime

@Suite("loopctl service install: the embedded unit")
struct ServiceUnitTests {
    @Test func embeddedUnitEqualsSystemdLoopdService() throws {
        let file = try String(contentsOf: Fixtures.repositoryRoot.appendingPathComponent("systemd/loopd.service"), encoding: .utf8)
        #expect(EmbeddedUnits.loopdService + "\n" == file, "run scripts/embed-units.sh after editing systemd/loopd.service")
    }

    @Test func unitHasWatchdogAndNotify() {
        let unit = EmbeddedUnits.loopdService
        #expect(unit.contains("\nType=notify\n"))
        #expect(unit.contains("\nWatchdogSec=30\n"))
        #expect(unit.contains("\nRestart=on-failure\n"))
    }

    @Test func execStartIsTheInstalledBinary() {
        let unit = ServiceUnits.serviceUnit(binary: "/opt/loop/bin/loopd")
        let exec = unit.split(separator: "\n").filter { $0.hasPrefix("ExecStart=") }
        #expect(exec == ["ExecStart=/opt/loop/bin/loopd"])
        let spaced = ServiceUnits.serviceUnit(binary: "/home/a b/loopd")
        #expect(spaced.contains("\nExecStart=\"/home/a b/loopd\"\n"))
        #expect(unit.contains("\nWantedBy=default.target\n"))
    }

    @Test func unitDirectoryFollowsXDGConfigHome() {
        #expect(ServiceUnits.unitDirectory(environment: [:], home: "/h") == "/h/.config/systemd/user")
        #expect(ServiceUnits.unitDirectory(environment: ["XDG_CONFIG_HOME": "/c"], home: "/h") == "/c/systemd/user")
        #expect(ServiceUnits.unitDirectory(environment: ["XDG_CONFIG_HOME": "rel"], home: "/h") == "/h/.config/systemd/user")
    }

    @Test func userManagerIsDetectedFromItsState() {
        #expect(ServiceUnits.userManagerAnswered(stdout: "running\n"))
        #expect(ServiceUnits.userManagerAnswered(stdout: "degraded\n"))
        #expect(!ServiceUnits.userManagerAnswered(stdout: ""))
        #expect(!ServiceUnits.userManagerAnswered(stdout: "offline\n"))
    }
}
