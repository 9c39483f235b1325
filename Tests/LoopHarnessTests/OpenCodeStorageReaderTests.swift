import Foundation
import LoopCore
import LoopHarness
import LoopTestSupport
import Testing

/// `OpenCodeStorageReader` on storage/ folders written from the export fixtures
/// in OpenCode 1.1's layout (one JSON file per session, message and part).
struct OpenCodeStorageReaderTests {
    static func writeStorage(from url: URL, into storage: URL, messageLimit: Int? = nil) throws {
        let export = try OpenCodeTestDatabase.load(url)
        func write(_ object: [String: Any], _ components: String...) throws {
            let file = components.reduce(storage) { $0.appendingPathComponent($1) }
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try JSONSerialization.data(withJSONObject: object).write(to: file)
        }
        let sessionID = export.session["id"] as! String
        try write(export.session, "session", export.session["projectID"] as? String ?? "global", sessionID + ".json")
        for (info, parts) in export.messages.prefix(messageLimit ?? export.messages.count) {
            let messageID = info["id"] as! String
            try write(info, "message", sessionID, messageID + ".json")
            for part in parts { try write(part, "part", messageID, (part["id"] as! String) + ".json") }
        }
    }

    @Test("a storage folder built from each export decodes the same", arguments: 0..<7)
    func sameAsExport(_ index: Int) throws {
        let directory = try TemporaryDirectory(prefix: "opencode-storage")
        defer { directory.remove() }
        let url = OpenCodeDatabaseReaderTests.fixture(index)
        try Self.writeStorage(from: url, into: directory.url)
        let (events, issues) = OpenCodeStorageReader.decode(storageDirectory: directory.path)
        let (expected, _) = try OpenCodeExport.decodeFile(at: url.path)
        #expect(issues.isEmpty, "\(issues)")
        #expect(OpenCodeDatabaseReaderTests.comparable(events) == OpenCodeDatabaseReaderTests.comparable(expected))
    }

    @Test("rescanning after more files appear emits only the new events; a bad file is one issue")
    func rescan() throws {
        let directory = try TemporaryDirectory(prefix: "opencode-storage")
        defer { directory.remove() }
        let url = OpenCodeDatabaseReaderTests.fixture(0)
        try Self.writeStorage(from: url, into: directory.url, messageLimit: 10)
        let reader = OpenCodeStorageReader(storageDirectory: directory.path)
        let first = reader.read()
        try Self.writeStorage(from: url, into: directory.url)
        let broken = directory.url.appendingPathComponent("part/msg_x/prt_x.json")
        try FileManager.default.createDirectory(at: broken.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("{".utf8).write(to: broken)
        let second = reader.read()
        #expect(reader.read().isEmpty)
        let (expected, _) = try OpenCodeExport.decodeFile(at: url.path)
        #expect(OpenCodeDatabaseReaderTests.comparable(first + second) == OpenCodeDatabaseReaderTests.comparable(expected))
        // The broken part belongs to no known message, so it is never opened; no issue.
        #expect(reader.issues.isEmpty)
        try Data("{".utf8).write(to: directory.url.appendingPathComponent("session/global.json"))
        let badSession = directory.url.appendingPathComponent("session/p/ses_bad.json")
        try FileManager.default.createDirectory(at: badSession.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("not json".utf8).write(to: badSession)
        _ = reader.read()
        _ = reader.read()
        #expect(reader.issues.map(\.path) == [badSession.path])
    }
}
