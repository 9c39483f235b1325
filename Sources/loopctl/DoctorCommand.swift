import ArgumentParser
import Foundation
import LoopRuntime

/// `loopctl doctor`: read-only health checks, each with a fix. Exit 1 when any fails.
struct Doctor: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check loopd, its socket, permissions, inotify limits, harnesses, the outbox, the hub and disk space.",
        discussion: "Changes nothing. Each check prints ok, warn or fail and how to fix it. Exit status 1 when any check fails. See docs/doctor.md.")

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let checks = await LoopRuntime.Doctor.run(paths: Context.paths, environment: Context.environment)
        if output.json {
            try JSONOutput.print(checks)
        } else {
            for check in checks {
                print("\(check.status.rawValue.padding(toLength: 4, withPad: " ", startingAt: 0)) \(check.name): \(check.detail)")
                if !check.fix.isEmpty && check.status != .ok { print("     fix: \(check.fix)") }
            }
        }
        if checks.contains(where: { $0.status == .fail }) { throw ExitCode.failure }
    }
}
