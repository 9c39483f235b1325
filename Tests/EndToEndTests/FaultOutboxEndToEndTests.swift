import Foundation
import LoopTestSupport
import Testing

/// The outbox refuses writes: another process holds its lock, or its file
/// system is full. loopd says so, keeps running, corrupts nothing, and stores
/// the lesson once the condition clears.
@Suite("loopd faults: outbox", .serialized, .enabled(if: LoopBinaries.available, "build loopd and loopctl first (make test does)"))
struct FaultOutboxEndToEndTests {
    static let python = ["/usr/bin/python3", "/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test func lockedOutboxIsRetriedUntilTheLockIsReleased() async throws {
        guard let python = Self.python else { print("skipped: python3 not found"); return }
        let harness = try DaemonHarness()
        defer { harness.user.root.remove() }
        // The transcript folder exists before loopd starts, so the session is new
        // to it (not first-start history) even though it arrives in one piece.
        let repo = harness.user.home.appendingPathComponent("work/app")
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        let chat = try ScenarioPlayer("eval-prd-template-chat", repo: repo)
        let transcriptURL = try chat.transcriptURL(harness: harness, repo: repo)
        let daemon = try await harness.startDaemon()
        defer { daemon.signal(SIGKILL) }

        // The whole session arrives while loopd is frozen, so it reads it in one
        // batch while the lock is held: the record (not only a cursor save) fails.
        daemon.signal(SIGSTOP)
        try await chat.play(1...chat.lines.count, into: try TranscriptWriter(path: transcriptURL))

        // BEGIN EXCLUSIVE for 12 s: longer than two of the outbox's 5 s busy timeouts (a cursor save, then the record).
        let flag = harness.user.root.appending("locked").path
        let script = """
            import sqlite3, time, pathlib
            db = sqlite3.connect("\(harness.user.outboxPath)", isolation_level=None, timeout=10)
            db.execute("BEGIN EXCLUSIVE")
            pathlib.Path("\(flag)").touch()
            time.sleep(12)
            db.execute("COMMIT")
            """
        let locker = try ChildProcess(python, ["-c", script], environment: harness.user.environment, logDirectory: harness.logs)
        #expect(await eventually { FileManager.default.fileExists(atPath: flag) }, "python could not lock: \(locker.stderr)")
        daemon.signal(SIGCONT)

        let reported = await eventually(timeout: 15) { daemon.stderr.contains("cannot record a lesson") }
        #expect(reported, "loopd says the outbox refused the lesson; stderr: \(daemon.stderr.suffix(2000))")
        #expect(daemon.process.isRunning)
        #expect(await locker.wait(timeout: 25) == 0)
        let stored = await eventually(timeout: 30) { (try? await harness.lessons().count) == 1 }
        #expect(stored, "the lesson is stored after the lock is released; stderr: \(daemon.stderr.suffix(2000))")
        await harness.stop(daemon)
        try Self.expectIntegrity(harness)
    }

    @Test func fullDiskIsRetriedUntilSpaceIsFreed() async throws {
        guard getuid() == 0 else { print("skipped: mounting a tmpfs needs root"); return }
        let harness = try DaemonHarness()
        defer { harness.user.root.remove() }
        let state = (harness.user.outboxPath as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        guard shell("mount -t tmpfs -o size=2m loop-test-full '\(state)'") == 0 else { print("skipped: cannot mount tmpfs"); return }
        defer { _ = shell("umount -l '\(state)'") }

        let daemon = try await harness.startDaemon()
        defer { daemon.signal(SIGKILL) }
        let filler = (state as NSString).appendingPathComponent("filler")
        _ = shell("dd if=/dev/zero of='\(filler)' bs=4k 2>/dev/null")  // until ENOSPC

        let repo = harness.user.home.appendingPathComponent("work/app")
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        let chat = try ScenarioPlayer("eval-prd-template-chat", repo: repo)
        try await chat.playAll(into: try TranscriptWriter(path: try chat.transcriptURL(harness: harness, repo: repo)))
        let reported = await eventually(timeout: 15) { daemon.stderr.contains("cannot record a lesson") }
        #expect(reported, "loopd says the outbox refused the lesson; stderr: \(daemon.stderr.suffix(2000))")
        #expect(daemon.process.isRunning)

        try FileManager.default.removeItem(atPath: filler)
        let stored = await eventually(timeout: 40) { (try? await harness.lessons().count) == 1 }
        #expect(stored, "the lesson is stored once space is free; stderr: \(daemon.stderr.suffix(2000))")
        await harness.stop(daemon)
        try Self.expectIntegrity(harness)
    }

    /// A read-only remount does not stop writes through descriptors loopd
    /// already holds, so the case that matters is a start on a read-only state
    /// directory: loopd exits 1 with a message naming the outbox (systemd's
    /// Restart=on-failure tries again), and starts normally once it is writable.
    @Test func readOnlyStateDirectoryAtStartIsAClearErrorAndRecovers() async throws {
        guard getuid() == 0 else { print("skipped: a read-only bind mount needs root"); return }
        let harness = try DaemonHarness()
        defer { harness.user.root.remove() }
        await harness.stop(try await harness.startDaemon())  // creates the outbox
        let state = (harness.user.outboxPath as NSString).deletingLastPathComponent
        // chmod does not stop root: a read-only bind mount of the state directory does.
        guard shell("mount --bind '\(state)' '\(state)' && mount -o remount,ro,bind '\(state)'") == 0 else {
            _ = shell("umount '\(state)'")
            print("skipped: cannot bind-mount read-only")
            return
        }
        var mounted = true
        defer { if mounted { _ = shell("umount -l '\(state)'") } }

        let refused = try ChildProcess(LoopBinaries.path("loopd"), [], environment: harness.user.environment, logDirectory: harness.logs)
        #expect(await refused.wait(timeout: 15) == 1, "loopd exits 1 on a read-only outbox")
        #expect(refused.stderr.contains(harness.user.outboxPath), "the message names the outbox: \(refused.stderr)")

        #expect(shell("umount '\(state)'") == 0)
        mounted = false
        let daemon = try await harness.startDaemon()
        defer { daemon.signal(SIGKILL) }
        let repo = harness.user.home.appendingPathComponent("work/app")
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        let chat = try ScenarioPlayer("eval-prd-template-chat", repo: repo)
        try await chat.playAll(into: try TranscriptWriter(path: try chat.transcriptURL(harness: harness, repo: repo)))
        #expect(await eventually(timeout: 20) { (try? await harness.lessons().count) == 1 }, "stderr: \(daemon.stderr.suffix(2000))")
        await harness.stop(daemon)
        try Self.expectIntegrity(harness)
    }

    static func expectIntegrity(_ harness: DaemonHarness) throws {
        guard let python else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA integrity_check').fetchone()[0])", harness.user.outboxPath]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        #expect(String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == "ok")
    }
}
