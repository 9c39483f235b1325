import ArgumentParser
import Foundation
import LoopRuntime

/// `loopctl service install|uninstall`: puts loopd under the systemd user manager.
struct Service: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Install or remove loopd as a systemd user service.",
        subcommands: [ServiceInstall.self, ServiceUninstall.self])
}

struct ServiceInstall: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Write loopd.service to ~/.config/systemd/user and start it.",
        discussion: """
            The unit is the one shipped in systemd/loopd.service (embedded in loopctl) with ExecStart= set to \
            --bin. When a user manager answers, runs `systemctl --user daemon-reload` and \
            `systemctl --user enable --now loopd.service`; otherwise prints those commands.
            """)

    @Option(help: "The loopd binary the unit starts (default: the loopd next to loopctl, else ~/.local/bin/loopd).")
    var bin: String?

    func run() async throws {
        let binary = bin.map { ($0 as NSString).standardizingPath } ?? ServiceEnvironment.defaultLoopd()
        guard binary.hasPrefix("/") else { throw ValidationError("--bin must be an absolute path") }
        if !FileManager.default.isExecutableFile(atPath: binary) {
            FileHandle.standardError.write(Data("loopctl: warning: \(binary) is not an executable file yet\n".utf8))
        }
        let directory = ServiceEnvironment.unitDirectory
        let unit = (directory as NSString).appendingPathComponent(ServiceUnits.serviceName)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try ServiceUnits.serviceUnit(binary: binary).write(toFile: unit, atomically: true, encoding: .utf8)
        print("wrote \(unit) (ExecStart=\(binary))")
        try ServiceEnvironment.runOrPrint(ServiceUnits.installCommands)
    }
}

struct ServiceUninstall: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uninstall",
        abstract: "Stop loopd's user service and remove its unit file (the outbox stays).")

    func run() async throws {
        let unit = (ServiceEnvironment.unitDirectory as NSString).appendingPathComponent(ServiceUnits.serviceName)
        try ServiceEnvironment.runOrPrint(ServiceUnits.stopCommands)
        if FileManager.default.fileExists(atPath: unit) {
            try FileManager.default.removeItem(atPath: unit)
            print("removed \(unit)")
        } else {
            print("\(unit) was not installed")
        }
        try ServiceEnvironment.runOrPrint(ServiceUnits.reloadCommands)
    }
}

/// The process-facing half of service install: paths and running systemctl.
enum ServiceEnvironment {
    static var unitDirectory: String {
        ServiceUnits.unitDirectory(environment: Context.environment, home: Context.paths.home)
    }

    static func defaultLoopd() -> String {
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let sibling = ((me as NSString).deletingLastPathComponent as NSString).appendingPathComponent("loopd")
        if sibling.hasPrefix("/"), FileManager.default.isExecutableFile(atPath: sibling) { return sibling }
        return Context.paths.home + "/.local/bin/loopd"
    }

    /// Runs the commands when a user manager answers; otherwise prints them for the user.
    static func runOrPrint(_ commands: [[String]]) throws {
        let probe = run(["systemctl", "--user", "is-system-running"])
        guard let probe, ServiceUnits.userManagerAnswered(stdout: probe.stdout) else {
            print("no systemd user manager is reachable here; run these in your login session:")
            for command in commands { print("  " + ServiceUnits.shellLine(command)) }
            return
        }
        for command in commands {
            print("$ " + ServiceUnits.shellLine(command))
            guard let result = run(command), result.status == 0 else {
                throw CLIError("\(ServiceUnits.shellLine(command)) failed; see `journalctl --user -u loopd`")
            }
        }
    }

    static func run(_ command: [String]) -> (status: Int32, stdout: String)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
