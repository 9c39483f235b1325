import ArgumentParser
import Foundation
import LoopCore
import LoopRuntime
import LoopStore

struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Is loopd running, what does it watch, and how many lessons are in each state?")

    @OptionGroup var output: OutputOptions

    struct Report: Encodable {
        var daemonRunning: Bool
        var pid: Int32?
        var startedAt: String?
        var transcriptRoots: [String]
        var transcriptFiles: Int
        var workingTrees: [String]
        var watchLimitReached: Bool
        var lastError: String?
        var outbox: String
        var lessons: [String: Int]
    }

    func run() async throws {
        let paths = Context.paths
        let daemon = DaemonStatus.read(runtimeDirectory: paths.runtimeDir)
        let running = daemon?.isRunning ?? false
        let counts = try Context.outbox().counts()
        let report = Report(
            daemonRunning: running, pid: running ? daemon?.pid : nil, startedAt: running ? daemon?.startedAt : nil,
            transcriptRoots: daemon?.transcriptRoots ?? [paths.claudeProjectsDir], transcriptFiles: running ? daemon?.transcriptFiles ?? 0 : 0,
            workingTrees: running ? daemon?.workingTrees ?? [] : [], watchLimitReached: daemon?.watchLimitReached ?? false,
            lastError: daemon?.lastError, outbox: paths.outboxPath,
            lessons: Dictionary(uniqueKeysWithValues: LessonState.allCases.map { ($0.rawValue, counts[$0] ?? 0) }))
        if output.json {
            try JSONOutput.print(report)
            return
        }
        if running, let daemon {
            print("loopd is running (pid \(daemon.pid), since \(daemon.startedAt))")
            print("watching \(daemon.transcriptFiles) transcripts under \(daemon.transcriptRoots.joined(separator: ", "))")
            print("working trees: \(daemon.workingTrees.isEmpty ? "none yet" : daemon.workingTrees.joined(separator: ", "))")
            if daemon.watchLimitReached { print("warning: the inotify watch limit was reached; raise fs.inotify.max_user_watches") }
        } else {
            print("loopd is not running. Start it with `loopd` (or `systemctl --user start loopd`).")
        }
        if let error = daemon?.lastError { print("last error: \(error)") }
        print("outbox \(paths.outboxPath)")
        print(LessonState.allCases.map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: "  "))
    }
}
