import Foundation
import LoopTestSupport
import Testing

/// Transcripts rotated, truncated and deleted (Claude Code's 30-day cleanup),
/// working trees deleted and moved, all while loopd runs: it survives and a
/// new session still yields its lesson, with nothing duplicated.
@Suite("loopd faults: files", .serialized, .enabled(if: LoopBinaries.available, "build loopd and loopctl first (make test does)"))
struct FaultFilesEndToEndTests {
    @Test func survivesRotationTruncationDeletionAndVanishingTrees() async throws {
        let harness = try DaemonHarness()
        defer { harness.user.root.remove() }
        let daemon = try await harness.startDaemon()
        defer { daemon.signal(SIGKILL) }

        let first = harness.user.home.appendingPathComponent("work/app")
        try FileManager.default.createDirectory(at: first.appendingPathComponent("docs"), withIntermediateDirectories: true)
        let handEdit = try ScenarioPlayer("eval-prd-hand-edit", repo: first)
        let firstURL = try handEdit.transcriptURL(harness: harness, repo: first)
        try await handEdit.playAll(into: try TranscriptWriter(path: firstURL))
        #expect(await eventually(timeout: 20) { (try? await harness.lessons().count) == 1 }, "stderr: \(daemon.stderr.suffix(2000))")

        // Truncate, rotate (rename away), then delete the transcript.
        try FileHandle(forWritingTo: firstURL).truncate(atOffset: 0)
        try await Task.sleep(for: .milliseconds(200))
        let rotated = firstURL.deletingPathExtension().appendingPathExtension("jsonl.1")
        try FileManager.default.moveItem(at: firstURL, to: rotated)
        try await Task.sleep(for: .milliseconds(200))
        try FileManager.default.removeItem(at: rotated)
        // The working tree is moved, then deleted.
        let moved = harness.user.home.appendingPathComponent("work/app-moved")
        try FileManager.default.moveItem(at: first, to: moved)
        try await Task.sleep(for: .milliseconds(200))
        try FileManager.default.removeItem(at: moved)
        try await Task.sleep(for: .milliseconds(300))
        #expect(daemon.process.isRunning, "stderr: \(daemon.stderr.suffix(2000))")

        let second = harness.user.home.appendingPathComponent("work/second")
        try FileManager.default.createDirectory(at: second, withIntermediateDirectories: true)
        let chat = try ScenarioPlayer("eval-prd-template-chat", repo: second)
        try await chat.playAll(into: try TranscriptWriter(path: try chat.transcriptURL(harness: harness, repo: second)))
        #expect(await eventually(timeout: 20) { (try? await harness.lessons().count) == 2 }, "stderr: \(daemon.stderr.suffix(2000))")
        try await Task.sleep(for: .milliseconds(500))
        #expect(try await harness.lessons().count == 2, "nothing duplicated")
        await harness.stop(daemon)
    }
}
