import Foundation
import LoopTestSupport
import Testing

/// inotify faults against the real loopd: a queue overflow and the watch limit.
/// Both change global sysctls for a moment (root only) and restore them. A
/// lowered `max_user_watches` or `max_queued_events` is felt by every loopd on
/// the machine, so this suite must not share a run with the other end-to-end
/// tests: it runs only when `LOOP_EXCLUSIVE_TESTS=1`, which `make test` sets in
/// a second, separate `swift test` after the parallel run.
@Suite("loopd faults: inotify", .serialized,
       .enabled(if: LoopBinaries.available, "build loopd and loopctl first (make test does)"),
       .enabled(if: ProcessInfo.processInfo.environment["LOOP_EXCLUSIVE_TESTS"] == "1",
                "changes global inotify sysctls; run alone: LOOP_EXCLUSIVE_TESTS=1 swift test --filter FaultInotifyEndToEndTests"))
struct FaultInotifyEndToEndTests {
    /// The queue size is fixed when loopd creates its inotify instance, so the
    /// knob is lowered only around loopd's start. A hand edit made while loopd
    /// is stopped (SIGSTOP) among hundreds of other events is lost from the
    /// queue; the rescan on IN_Q_OVERFLOW still finds it.
    @Test func correctionDuringAnOverflowStillBecomesALesson() async throws {
        let harness = try DaemonHarness()
        defer { harness.user.root.remove() }
        let repo = harness.user.home.appendingPathComponent("work/app")
        try FileManager.default.createDirectory(at: repo.appendingPathComponent("docs"), withIntermediateDirectories: true)
        let scenario = try ScenarioPlayer("eval-prd-hand-edit", repo: repo)

        guard let daemon = try await Sysctl.with("fs.inotify.max_queued_events", "16", { try await harness.startDaemon() }) else { return }
        defer { daemon.signal(SIGKILL) }
        let transcript = try TranscriptWriter(path: try scenario.transcriptURL(harness: harness, repo: repo))
        try await scenario.play(1...scenario.lines.count, into: transcript, pause: .milliseconds(40), handEdits: false)
        let watching = await eventually { (try? String(contentsOfFile: harness.user.root.appending("run/loop/status.json").path, encoding: .utf8))?.contains(repo.path) == true }
        try #require(watching)
        try await Task.sleep(for: .milliseconds(800))  // the agent's own write has been judged
        #expect(try await harness.lessons().isEmpty)

        daemon.signal(SIGSTOP)
        for index in 0..<300 {
            try "x".write(to: repo.appendingPathComponent("noise-\(index).txt"), atomically: false, encoding: .utf8)
        }
        let edit = try #require(scenario.edits.first)
        try ScenarioPlayer.write(edit.content, to: edit.file)
        for index in 0..<300 { try? FileManager.default.removeItem(at: repo.appendingPathComponent("noise-\(index).txt")) }
        daemon.signal(SIGCONT)

        let lesson = await eventually(timeout: 20) { (try? await harness.lessons().count) == 1 }
        #expect(lesson, "the correction made during the overflow is a lesson; stderr: \(daemon.stderr.suffix(3000))")
        #expect(daemon.stderr.contains("overflow"), "the overflow is logged")
        await harness.stop(daemon)
    }

    /// Out of watches while adding a working tree: loopd keeps running, says
    /// so in status.json and its log, and a transcript under the already
    /// watched Claude Code root still yields a lesson.
    @Test func watchLimitIsReportedAndWhatIsWatchedKeepsWorking() async throws {
        let harness = try DaemonHarness()
        defer { harness.user.root.remove() }
        let repo = harness.user.home.appendingPathComponent("work/app")
        for index in 0..<80 {
            try FileManager.default.createDirectory(at: repo.appendingPathComponent("pkg\(index)/src"), withIntermediateDirectories: true)
        }
        let daemon = try await harness.startDaemon()
        defer { daemon.signal(SIGKILL) }
        let big = try ScenarioPlayer("eval-code-hand-edit", repo: repo)
        let statusPath = harness.user.root.appending("run/loop/status.json").path

        let inUse = Self.rootWatchesInUse()
        let reported = try await Sysctl.with("fs.inotify.max_user_watches", String(inUse + 20)) { () async throws -> Bool in
            let transcript = try TranscriptWriter(path: try big.transcriptURL(harness: harness, repo: repo))
            try await big.play(1...1, into: transcript)  // sessionStarted: loopd watches the 160-directory tree
            return await eventually(timeout: 10) {
                (try? String(contentsOfFile: statusPath, encoding: .utf8))?.contains("\"watchLimitReached\" : true") == true
            }
        }
        guard let reported else { return }
        #expect(reported, "status.json reports the watch limit; stderr: \(daemon.stderr.suffix(2000))")
        #expect(daemon.process.isRunning)
        #expect(daemon.stderr.contains("watch limit reached"))
        let status = try await harness.loopctl("status", "--json")
        #expect(status.stdout.contains("\"watchLimitReached\" : true"))

        let chatRepo = harness.user.home.appendingPathComponent("work/other")
        try FileManager.default.createDirectory(at: chatRepo, withIntermediateDirectories: true)
        let chat = try ScenarioPlayer("eval-prd-template-chat", repo: chatRepo)
        try await chat.playAll(into: try TranscriptWriter(path: try chat.transcriptURL(harness: harness, repo: chatRepo)))
        let lesson = await eventually(timeout: 20) { (try? await harness.lessons().count) == 1 }
        #expect(lesson, "a transcript under the watched root still yields a lesson; stderr: \(daemon.stderr.suffix(2000))")
        await harness.stop(daemon)
    }

    /// Watches held by root's processes: the `inotify wd:` lines of every inotify fd.
    static func rootWatchesInUse() -> Int {
        var total = 0
        for pid in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] where Int(pid) != nil {
            for fd in (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")) ?? [] {
                guard (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\(fd)")) == "anon_inode:inotify",
                      let info = try? String(contentsOfFile: "/proc/\(pid)/fdinfo/\(fd)", encoding: .utf8) else { continue }
                total += info.split(separator: "\n").filter { $0.hasPrefix("inotify wd:") }.count
            }
        }
        return total
    }
}
