import Foundation
import GRDB
import LoopCore
import LoopStore
import LoopTestSupport
import Testing

@Suite struct OpeningTests {
    @Test func freshFileIsMigratedAndReopeningIsANoOp() throws {
        let file = try OutboxFile()
        defer { file.directory.remove() }
        let first = try file.open()
        let before = try first.diagnostics()
        #expect(before.appliedMigrations == before.knownMigrations)
        #expect(!before.knownMigrations.isEmpty)
        try first.record(candidate: Sample.lesson(), evidence: Sample.evidence(), debounceKey: Sample.key(), actor: .daemon)

        let second = try file.open()
        #expect(try second.diagnostics().appliedMigrations == before.appliedMigrations)
        #expect(try second.lessons().count == 1)
    }

    @Test func parentDirectoryIsPrivate() throws {
        let file = try OutboxFile()
        defer { file.directory.remove() }
        _ = try file.open()
        let directory = (file.path as NSString).deletingLastPathComponent
        let mode = try FileManager.default.attributesOfItem(atPath: directory)[.posixPermissions] as? Int
        #expect(mode == 0o700)
    }

    @Test func connectionsUseWALAndFullSync() throws {
        let file = try OutboxFile()
        defer { file.directory.remove() }
        let diagnostics = try file.open().diagnostics()
        #expect(diagnostics.journalMode == "wal")
        #expect(diagnostics.synchronous == 2)  // FULL
        #expect(diagnostics.foreignKeys)
    }

    @Test func defaultPathFollowsXDG() {
        #expect(Outbox.defaultPath(environment: ["XDG_STATE_HOME": "/x/state", "HOME": "/home/u"])
            == "/x/state/loop/outbox.sqlite3")
        #expect(Outbox.defaultPath(environment: ["HOME": "/home/u"]) == "/home/u/.local/state/loop/outbox.sqlite3")
        // The XDG spec says to ignore a relative value.
        #expect(Outbox.defaultPath(environment: ["XDG_STATE_HOME": "rel", "HOME": "/home/u"])
            == "/home/u/.local/state/loop/outbox.sqlite3")
    }

    @Test func newerSchemaIsRefused() throws {
        let file = try OutboxFile()
        defer { file.directory.remove() }
        _ = try file.open()
        let raw = try DatabaseQueue(path: file.path)
        try raw.write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99-from-the-future')") }
        try raw.close()

        let error = #expect(throws: OutboxError.self) { try file.open() }
        #expect(error == .schemaIsNewer(path: file.path, unknownMigrations: ["v99-from-the-future"]))
        #expect(error?.description.hasPrefix("outbox schema is newer than this loop; upgrade loop") == true)
    }

    @Test func aLongRunningOutboxStopsWritingOnceANewerLoopMigrated() throws {
        let file = try OutboxFile()
        defer { file.directory.remove() }
        let outbox = try file.open()
        let raw = try DatabaseQueue(path: file.path)
        try raw.write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99-from-the-future')") }
        try raw.close()
        #expect(throws: OutboxError.schemaIsNewer(path: file.path, unknownMigrations: ["v99-from-the-future"])) {
            try outbox.record(candidate: Sample.lesson(), evidence: Sample.evidence(),
                              debounceKey: Sample.key(), actor: .daemon)
        }
    }

    @Test func aFileThatIsNotSQLiteIsRefusedAndLeftUntouched() throws {
        let file = try OutboxFile()
        defer { file.directory.remove() }
        let directory = (file.path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let content = Data("these are the user's notes, not a database\n".utf8)
        try content.write(to: URL(fileURLWithPath: file.path))

        let error = #expect(throws: OutboxError.self) { try file.open() }
        #expect(error == .notADatabase(path: file.path))
        #expect(try Data(contentsOf: URL(fileURLWithPath: file.path)) == content)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["outbox.sqlite3"])
    }
}
