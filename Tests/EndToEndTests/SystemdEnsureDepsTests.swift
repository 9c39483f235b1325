import Foundation
import LoopTestSupport
import Testing

/// scripts/ensure-deps.sh: quiet when everything is installed, and the exact
/// `sudo apt-get install -y …` line when something is missing and we are not root.
@Suite struct SystemdEnsureDepsTests {
    struct Run {
        var status: Int32
        var output: String
        var errors: String
    }

    static let script = Fixtures.repositoryRoot.appendingPathComponent("scripts/ensure-deps.sh").path

    static var hasDpkg: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/dpkg-query") }

    /// Runs the script with `LOOP_REQUIRED_PACKAGES` replaced. When the tests run as root
    /// the script would really install, so it is run as `nobody` through setpriv(1).
    static func run(packages: String) throws -> Run? {
        var arguments = ["/bin/sh", script]
        if getuid() == 0 {
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return nil }
            arguments = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] + arguments
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        var environment = ProcessInfo.processInfo.environment
        environment["LOOP_REQUIRED_PACKAGES"] = packages
        process.environment = environment
        let outputPipe = Pipe(), errorPipe = Pipe()
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        try process.run()
        let output = outputPipe.fileHandleForReading.readDataToEndOfFile()
        let errors = errorPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
                   errors: String(decoding: errors, as: UTF8.self))
    }

    @Test func quietWhenEverythingIsInstalled() throws {
        guard Self.hasDpkg, let result = try Self.run(packages: "dpkg") else {
            print("SystemdEnsureDepsTests: skipped, needs dpkg (and setpriv when run as root)")
            return
        }
        #expect(result.status == 0, "stderr: \(result.errors)")
        #expect(result.output.isEmpty)
        #expect(result.errors.isEmpty)
    }

    @Test func printsTheExactInstallCommandWhenNotRoot() throws {
        guard Self.hasDpkg, let result = try Self.run(packages: "dpkg loop-no-such-package-a loop-no-such-package-b")
        else {
            print("SystemdEnsureDepsTests: skipped, needs dpkg (and setpriv when run as root)")
            return
        }
        #expect(result.status == 1)
        #expect(result.output == "sudo apt-get install -y loop-no-such-package-a loop-no-such-package-b\n")
    }
}
