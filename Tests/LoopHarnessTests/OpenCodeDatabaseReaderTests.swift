import Foundation
import GRDB
import LoopCore
import LoopHarness
import LoopTestSupport
import Testing

/// `OpenCodeDatabaseReader` against real SQLite databases built from the export fixtures.
struct OpenCodeDatabaseReaderTests {
    static func fixture(_ index: Int) -> URL {
        OpenCodeExportTests.directory.appendingPathComponent(OpenCodeExportTests.expectations[index].file)
    }

    /// What must agree between sources: everything but the source path.
    static func comparable(_ events: [NormalizedEvent]) -> [String] {
        events.map { "\($0.sessionID) \($0.position.recordID ?? "-") \($0.timestamp?.timeIntervalSince1970 ?? 0) \($0.kind)" }
    }

    @Test("a database built from each export yields the export's events", arguments: 0..<7)
    func sameAsExport(_ index: Int) throws {
        let directory = try TemporaryDirectory(prefix: "opencode-db")
        defer { directory.remove() }
        let path = directory.appending("opencode.db").path
        let database = try OpenCodeTestDatabase.build(at: path, from: Self.fixture(index))
        let reader = try OpenCodeDatabaseReader(path: path)
        let (events, cursor) = try reader.readNew(after: nil)
        let (expected, _) = try OpenCodeExport.decodeFile(at: Self.fixture(index).path)
        #expect(Self.comparable(events) == Self.comparable(expected))
        #expect(reader.issues.isEmpty, "\(reader.issues)")
        #expect(events.allSatisfy { $0.position.path == path })
        // Nothing new: no events, same cursor.
        let again = try reader.readNew(after: cursor)
        #expect(again.events.isEmpty && again.cursor == cursor)
        _ = database
    }

    @Test("incremental: half, read, the rest from the other connection, read; nothing missed or repeated",
          arguments: [false, true])
    func incremental(restart: Bool) throws {
        let directory = try TemporaryDirectory(prefix: "opencode-db")
        defer { directory.remove() }
        let path = directory.appending("opencode.db").path
        var database = try OpenCodeTestDatabase(path: path)
        let export = try OpenCodeTestDatabase.load(Self.fixture(0))
        try database.insert(session: export.session)
        let half = export.messages.count / 2
        for message in export.messages[..<half] { try database.insert(message: message.info, parts: message.parts) }

        let reader = try OpenCodeDatabaseReader(path: path)
        let first = try reader.readNew(after: nil)
        for message in export.messages[half...] { try database.insert(message: message.info, parts: message.parts) }
        // A cursor that went through JSON, as the daemon persists it.
        let saved = try JSONDecoder().decode(OpenCodeCursor.self, from: JSONEncoder().encode(first.cursor))
        // After a restart a new reader starts from the persisted cursor alone.
        let second = try (restart ? OpenCodeDatabaseReader(path: path) : reader).readNew(after: saved)

        let (expected, _) = try OpenCodeExport.decodeFile(at: Self.fixture(0).path)
        #expect(!first.events.isEmpty && !second.events.isEmpty)
        #expect(Self.comparable(first.events + second.events) == Self.comparable(expected))
    }

    @Test("a tool part rewritten from running to completed yields its edit once")
    func updatedPart() throws {
        let directory = try TemporaryDirectory(prefix: "opencode-db")
        defer { directory.remove() }
        let path = directory.appending("opencode.db").path
        var database = try OpenCodeTestDatabase(path: path)
        let export = try OpenCodeTestDatabase.load(Self.fixture(4))  // nimble-pixel: one apply_patch
        try database.insert(session: export.session)
        let index = try #require(export.messages.firstIndex { $0.parts.contains { $0["tool"] as? String == "apply_patch" } })
        for message in export.messages[..<index] { try database.insert(message: message.info, parts: message.parts) }
        let (info, parts) = export.messages[index]
        let patch = try #require(parts.first { $0["tool"] as? String == "apply_patch" })
        var running = patch
        var state = patch["state"] as! [String: Any]
        state["status"] = "running"
        state["metadata"] = nil
        running["state"] = state
        try database.insert(message: info, parts: parts.map { ($0["id"] as? String) == (patch["id"] as? String) ? running : $0 })

        let reader = try OpenCodeDatabaseReader(path: path)
        let first = try reader.readNew(after: nil)
        #expect(EventCounts(first.events).edits == 0)
        try database.insert(part: patch, messageCreated: OpenCodeTestDatabase.int((info["time"] as? [String: Any])?["created"]) + 1)
        let second = try reader.readNew(after: first.cursor)
        #expect(EventCounts(second.events).edits == 1)
        // Re-reading everything (a lost cursor) repeats nothing this reader already emitted.
        #expect(try reader.readNew(after: nil).events.isEmpty)
    }

    @Test("a corrupt row is an issue naming table and id; the rest is read")
    func corruptRow() throws {
        let directory = try TemporaryDirectory(prefix: "opencode-db")
        defer { directory.remove() }
        let path = directory.appending("opencode.db").path
        var database = try OpenCodeTestDatabase.build(at: path, from: Self.fixture(2))
        let export = try OpenCodeTestDatabase.load(Self.fixture(2))
        let messageID = export.messages[0].info["id"] as! String
        try database.insertRawPart(id: "prt_broken", messageID: messageID, sessionID: export.session["id"] as! String, data: "{not json")
        let reader = try OpenCodeDatabaseReader(path: path)
        let (events, _) = try reader.readNew(after: nil)
        #expect(reader.issues.count == 1)
        #expect(reader.issues.first?.message.contains("part") == true && reader.issues.first?.message.contains("prt_broken") == true)
        let (expected, _) = try OpenCodeExport.decodeFile(at: Self.fixture(2).path)
        #expect(Self.comparable(events) == Self.comparable(expected))
    }

    @Test("not an SQLite file, a missing file, and a database without OpenCode tables are clear errors")
    func notADatabase() throws {
        let directory = try TemporaryDirectory(prefix: "opencode-db")
        defer { directory.remove() }
        let text = directory.appending("notes.db").path
        try Data("this is not a database, just text that is long enough to fill a header".utf8).write(to: URL(fileURLWithPath: text))
        #expect(throws: OpenCodeDatabaseError.self) { try OpenCodeDatabaseReader(path: text) }
        #expect(throws: OpenCodeDatabaseError.self) { try OpenCodeDatabaseReader(path: directory.appending("missing.db").path) }
        let other = directory.appending("other.db").path
        let queue = try DatabaseQueue(path: other)
        try queue.write { try $0.execute(sql: "CREATE TABLE t (x)") }
        do {
            _ = try OpenCodeDatabaseReader(path: other)
            Issue.record("expected an error")
        } catch let error as OpenCodeDatabaseError {
            #expect(error.description.contains("no OpenCode tables"))
        }
    }

    @Test("V2 tables without the columns the reader needs: V1 rows are read, V2 is reported once")
    func v2Unreadable() throws {
        let directory = try TemporaryDirectory(prefix: "opencode-db")
        defer { directory.remove() }
        let path = directory.appending("opencode.db").path
        let database = try OpenCodeTestDatabase.build(at: path, from: Self.fixture(2))
        try database.pool.write {
            try $0.execute(sql: "CREATE TABLE session_v2 (id TEXT PRIMARY KEY); CREATE TABLE session_message (id TEXT PRIMARY KEY, seq INTEGER)")
        }
        let reader = try OpenCodeDatabaseReader(path: path)
        #expect(reader.schema.hasV1 && !reader.schema.hasV2)
        let (events, cursor) = try reader.readNew(after: nil)
        let (expected, _) = try OpenCodeExport.decodeFile(at: Self.fixture(2).path)
        #expect(Self.comparable(events) == Self.comparable(expected))
        #expect(try reader.readNew(after: cursor).events.isEmpty)
        #expect(reader.issues.count == 1 && reader.issues.first?.message.contains("session_v2") == true)
    }
}

/// Reading when OpenCode is not running, and telling inputs apart for `loopctl analyze`.
struct OpenCodeDatabaseClosedTests {
    @Test("a WAL database whose writer has closed is still readable")
    func writerClosed() throws {
        let directory = try TemporaryDirectory(prefix: "opencode-db")
        defer { directory.remove() }
        let path = directory.appending("opencode.db").path
        do { _ = try OpenCodeTestDatabase.build(at: path, from: OpenCodeDatabaseReaderTests.fixture(4)) }
        let reader = try OpenCodeDatabaseReader(path: path)
        #expect(EventCounts(try reader.readNew(after: nil).events).edits == 1)
    }

    @Test("OpenCodeInput tells a database, a storage folder and an export apart")
    func detect() throws {
        let directory = try TemporaryDirectory(prefix: "opencode-input")
        defer { directory.remove() }
        let fixture = OpenCodeDatabaseReaderTests.fixture(4)
        let db = directory.appending("opencode.db").path
        do { _ = try OpenCodeTestDatabase.build(at: db, from: fixture) }
        let data = directory.appending("data")
        try OpenCodeStorageReaderTests.writeStorage(from: fixture, into: data.appendingPathComponent("storage"))
        #expect(OpenCodeInput.detect(path: db) == .database(path: db))
        #expect(OpenCodeInput.detect(path: data.path) == .storage(directory: data.appendingPathComponent("storage").path))
        #expect(OpenCodeInput.detect(path: fixture.path) == .export(path: fixture.path))
        #expect(OpenCodeInput.detect(path: directory.path) == nil)
        for input in [OpenCodeInput.database(path: db), .storage(directory: data.appendingPathComponent("storage").path), .export(path: fixture.path)] {
            let (events, issues) = try input.decodeAll()
            #expect(issues.isEmpty && EventCounts(events).edits == 1)
        }
    }
}
