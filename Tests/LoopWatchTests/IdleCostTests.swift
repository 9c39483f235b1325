import Foundation
import LoopTestSupport
import Synchronization
import Testing
@testable import LoopWatch

/// The watcher must cost nothing while nothing changes: its thread sleeps in
/// `poll(2)` without a timeout. A thread that woke up to check (polling) would
/// add voluntary context switches while idle.
@Suite struct IdleCostTests {
    func status(ofThread id: Int32) throws -> [String: String] {
        let status = try String(contentsOfFile: "/proc/self/task/\(id)/status", encoding: .utf8)
        var fields: [String: String] = [:]
        for line in status.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2 { fields[String(parts[0])] = parts[1].trimmingCharacters(in: .whitespaces) }
        }
        return fields
    }

    @Test func idleReaderThreadDoesNotWakeUp() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let watcher = try InotifyWatcher()
        defer { watcher.close() }
        try watcher.watch(directory: dir.path, recursive: true)
        let events = await StreamRecorder.start(watcher.events)
        // Let the thread reach poll() once, proven by it handling an event.
        try Data("x".utf8).write(to: dir.appending("warmup"))
        #expect(await events.first { $0.path.hasSuffix("/warmup") && $0.kind == .modified(closeWrite: true) } != nil)

        let thread = watcher.readerThreadID.load(ordering: .acquiring)
        try #require(thread != 0)
        let before = try status(ofThread: thread)
        try await Task.sleep(for: .milliseconds(500))  // the idle period being measured
        let after = try status(ofThread: thread)
        #expect(after["State"]?.hasPrefix("S") == true)
        #expect(before["voluntary_ctxt_switches"] == after["voluntary_ctxt_switches"])
    }
}
