import ArgumentParser
import Foundation
import LoopHarness

/// Which harnesses a command applies to: one, or `all`.
enum HarnessChoice: String, ExpressibleByArgument, CaseIterable {
    case claudeCode = "claude-code", codex, opencode, all

    var harnesses: [InstallHarness] {
        self == .all ? InstallHarness.allCases : [InstallHarness(rawValue: rawValue)!]
    }
}

struct Install: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Register loop's MCP server, skill and /harness-feedback command with a harness.",
        discussion: """
            Claude Code: `mcpServers.loop` in ~/.claude.json (user scope; through `claude mcp add` when \
            the claude binary is on PATH), ~/.claude/skills/loop-feedback/, ~/.claude/commands/harness-feedback.md. \
            Codex: a managed [mcp_servers.loop] block in ~/.codex/config.toml, ~/.agents/skills/loop-feedback/, \
            ~/.codex/prompts/harness-feedback.md. OpenCode: mcp.loop (or mcp.servers.loop) in opencode.json(c), \
            its skills/ and commands/ folders. Nothing else in those files changes; no token is written; \
            modes, owners and symlinks are kept. A config that already defines loop itself, is not UTF-8 \
            or has a duplicate key is refused (exit 1) and left untouched. \
            Running it again changes nothing; `loopctl uninstall` removes exactly what was added.
            """)

    @Argument(help: "claude-code, codex, opencode or all.")
    var harness: HarnessChoice

    @Flag(help: "Print the changes as a diff and write nothing.")
    var dryRun = false

    @Option(help: ArgumentHelp("The loopctl binary the harness should launch (default: this one).", valueName: "path"))
    var bin: String?

    func run() throws {
        let installer = Installer(layout: InstallLayout(environment: Context.environment), command: try binaryPath(),
                                  claudeCLI: Self.onPath("claude"))
        for harness in harness.harnesses {
            let plan = try installer.plan(harness)
            InstallOutput.print(plan, harness: harness.rawValue, dryRun: dryRun, verb: "installed")
            if !dryRun { try installer.apply(plan) }
        }
    }

    func binaryPath() throws -> String {
        let given = bin ?? CommandLine.arguments[0]
        let resolved: String
        if given.contains("/") {
            resolved = URL(fileURLWithPath: given).standardizedFileURL.resolvingSymlinksInPath().path
        } else if let found = Self.onPath(given) {
            resolved = found
        } else {
            throw ValidationError("cannot find \(given); pass --bin /absolute/path/to/loopctl")
        }
        guard FileManager.default.isExecutableFile(atPath: resolved) else {
            throw ValidationError("\(resolved) is not an executable; pass --bin /absolute/path/to/loopctl")
        }
        return resolved
    }

    static func onPath(_ name: String) -> String? {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        return directories.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

enum InstallOutput {
    static func print(_ plan: InstallPlan, harness: String, dryRun: Bool, verb: String) {
        let changes = plan.changes.filter { !$0.isNoOp }
        if dryRun {
            changes.forEach { Swift.print($0.diff, terminator: "") }
            plan.commands.forEach { Swift.print("would run: \($0.joined(separator: " "))") }
        } else if changes.isEmpty && plan.commands.isEmpty {
            Swift.print("\(harness): nothing to change")
        } else {
            changes.forEach { Swift.print("\(harness): \($0.after == nil ? "removed" : $0.before == nil ? "created" : "updated") \($0.path)") }
            plan.commands.forEach { Swift.print("\(harness): ran \($0.joined(separator: " "))") }
        }
        plan.notes.forEach { FileHandle.standardError.write(Data("loopctl: \(harness): \($0)\n".utf8)) }
    }
}
