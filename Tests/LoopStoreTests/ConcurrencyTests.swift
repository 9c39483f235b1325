import Foundation
import LoopCore
import LoopStore
import Testing

/// loopd and loopctl each open their own `Outbox` on the same file: two pools
/// stand in for two processes, and every write must wait its turn instead of
/// failing with "database is locked".
@Suite struct ConcurrencyTests {
    @Test func twoOutboxesOnOneFileBothWrite() async throws {
        let file = try OutboxFile()
        defer { file.directory.remove() }
        let daemon = try file.open()
        let cli = try file.open()
        let perWriter = 40

        try await withThrowingTaskGroup(of: Void.self) { group in
            for (name, outbox) in [("daemon", daemon), ("cli", cli)] {
                group.addTask {
                    for n in 0..<perWriter {
                        let id = "\(name)-\(n)"
                        try outbox.record(candidate: Sample.lesson(id: id), evidence: Sample.evidence(line: n),
                                          debounceKey: Sample.key(session: id), actor: .daemon)
                        try outbox.saveCursor(TailCursor(path: "/t/\(name).jsonl", device: 1, inode: 2,
                                                         offset: Int64(n), linesRead: n, lastLineHash: 3))
                        if n % 2 == 0 { try outbox.transition(id: id, to: .approved, actor: .cli) }
                    }
                }
            }
            try await group.waitForAll()
        }

        #expect(try daemon.lessons().count == 2 * perWriter)
        #expect(try cli.counts()[.approved] == perWriter)
        #expect(try daemon.cursors().count == 2)
    }

    @Test func twoProcessesCreatingTheSameFreshFileBothSucceed() async throws {
        let file = try OutboxFile()
        defer { file.directory.remove() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 { group.addTask { _ = try file.open() } }
            try await group.waitForAll()
        }
        #expect(try file.open().lessons().isEmpty)
    }
}
