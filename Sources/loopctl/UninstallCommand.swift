import ArgumentParser
import Foundation
import LoopHarness

struct Uninstall: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Remove exactly what `loopctl install` added.",
        discussion: "Files and config entries you changed after install are kept and listed. The record of what was added is $XDG_STATE_HOME/loop/install-manifest.json.")

    @Argument(help: "claude-code, codex, opencode or all.")
    var harness: HarnessChoice

    @Flag(help: "Print the changes as a diff and write nothing.")
    var dryRun = false

    func run() throws {
        let installer = Installer(layout: InstallLayout(environment: Context.environment), command: "")
        for harness in harness.harnesses {
            let plan = try installer.planUninstall(harness)
            InstallOutput.print(plan, harness: harness.rawValue, dryRun: dryRun, verb: "removed")
            if !dryRun { try installer.applyUninstall(plan) }
        }
    }
}
