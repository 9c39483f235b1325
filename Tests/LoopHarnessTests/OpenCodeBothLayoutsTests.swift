import Foundation
import LoopCore
import LoopHarness
import LoopTestSupport
import Testing

/// A database with both layouts, as OpenCode 2.0 leaves a 1.x database: it
/// copies every 1.x session and message into `session_v2`/`session_message`
/// under the same ids and keeps the V1 rows. Each message counts once.
struct OpenCodeBothLayoutsTests {
    typealias V2 = OpenCodeV2TestDatabase
    static let later: Int64 = 1_900_000_000_000

    /// 2.0's copies of an export's session and messages (roughly as 2.0 converts them),
    /// and one message only 2.0 wrote, after all of them.
    static func copy(_ export: OpenCodeTestDatabase.Export, into db: V2) throws -> String {
        let session = export.session
        let sessionID = session["id"] as! String
        let time = session["time"] as? [String: Any] ?? [:]
        try db.session(sessionID, parent: session["parentID"] as? String, directory: session["directory"] as? String ?? "",
                       version: session["version"] as? String ?? "", created: OpenCodeTestDatabase.int(time["created"]),
                       updated: OpenCodeTestDatabase.int(time["updated"]))
        for (index, message) in export.messages.enumerated() {
            let info = message.info
            let role = info["role"] as? String ?? "user"
            let created = OpenCodeTestDatabase.int((info["time"] as? [String: Any])?["created"])
            var data: [String: Any] = ["time": info["time"] ?? ["created": created]]
            if role == "user" {
                data["text"] = message.parts.compactMap { $0["type"] as? String == "text" ? $0["text"] as? String : nil }
                    .joined(separator: "\n")
            } else {
                data["agent"] = info["agent"] as? String ?? "build"
                data["finish"] = info["finish"] as? String ?? "stop"
                data["content"] = message.parts.compactMap { part -> [String: Any]? in
                    switch part["type"] as? String {
                    case "text": return V2.text(part["text"] as? String ?? "")
                    case "tool":
                        return ["type": "tool", "id": part["callID"] ?? "", "name": part["tool"] ?? "",
                                "state": part["state"] ?? [:], "time": ["created": created]]
                    default: return nil
                    }
                }
            }
            try db.message(info["id"] as! String, session: sessionID, type: role, seq: Int64(2 * index + 1),
                           created: created, data: data)
        }
        try db.message("msg_zzzz_v2_only", session: sessionID, type: "user", seq: 10_000, created: later,
                       data: V2.user("Continue this in v2", at: later))
        return sessionID
    }

    static let continued = NormalizedEvent.Kind.userMessage("Continue this in v2")

    @Test("V1 rows and 2.0's copies in one read: the export's events once, then the V2-only message",
          arguments: 0..<7)
    func copiesInOneRead(_ index: Int) throws {
        let directory = try TemporaryDirectory(prefix: "opencode-both")
        defer { directory.remove() }
        let path = directory.appending("opencode.db").path
        let fixture = OpenCodeDatabaseReaderTests.fixture(index)
        let v1 = try OpenCodeTestDatabase.build(at: path, from: fixture)
        _ = try Self.copy(OpenCodeTestDatabase.load(fixture), into: V2(path: path))

        let reader = try OpenCodeDatabaseReader(path: path)
        #expect(reader.schema.hasV1 && reader.schema.hasV2)
        let (events, cursor) = try reader.readNew(after: nil)
        let (expected, _) = try OpenCodeExport.decodeFile(at: fixture.path)
        #expect(OpenCodeDatabaseReaderTests.comparable(Array(events.dropLast()))
            == OpenCodeDatabaseReaderTests.comparable(expected))
        #expect(events.last?.kind == Self.continued && events.last?.position.recordID == "msg_zzzz_v2_only")
        #expect(reader.issues.isEmpty, "\(reader.issues)")
        #expect(try reader.readNew(after: cursor).events.isEmpty)
        #expect(try reader.readNew(after: nil).events.isEmpty)
        _ = v1
    }

    @Test("2.0 migrates a database loopd already read: only the new message counts, live or after a restart with an old cursor",
          arguments: [false, true])
    func migratedLater(restart: Bool) throws {
        let directory = try TemporaryDirectory(prefix: "opencode-both")
        defer { directory.remove() }
        let path = directory.appending("opencode.db").path
        let fixture = OpenCodeDatabaseReaderTests.fixture(0)
        let v1 = try OpenCodeTestDatabase.build(at: path, from: fixture)
        let reader = try OpenCodeDatabaseReader(path: path)
        #expect(!reader.schema.hasV2)
        let first = try reader.readNew(after: nil)
        #expect(!first.events.isEmpty)
        // As the version before V2 support persisted it: no V2 keys.
        var json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(first.cursor)) as! [String: Any]
        json["sessionsV2"] = nil
        json["sessionMessages"] = nil
        let saved = try JSONDecoder().decode(OpenCodeCursor.self, from: JSONSerialization.data(withJSONObject: json))

        let sessionID = try Self.copy(OpenCodeTestDatabase.load(fixture), into: V2(path: path))
        let second = try (restart ? OpenCodeDatabaseReader(path: path) : reader).readNew(after: saved)
        #expect(second.events.map(\.kind) == [Self.continued])
        #expect(second.events.allSatisfy { $0.sessionID == sessionID })
        _ = v1
    }

    @Test("V2 read first, then 1.x writes the same messages to V1: nothing new, live or after a restart",
          arguments: [false, true])
    func v2First(restart: Bool) throws {
        let directory = try TemporaryDirectory(prefix: "opencode-both")
        defer { directory.remove() }
        let path = directory.appending("opencode.db").path
        var v1 = try OpenCodeTestDatabase(path: path)
        let v2 = try V2(path: path)
        let t: Int64 = 1_791_500_000_000
        try v2.session("ses_B", version: "1.18.32", created: t)
        try v2.message("msg_1", session: "ses_B", type: "user", seq: 1, created: t + 10, data: V2.user("Hello", at: t + 10))
        try v2.message("msg_2", session: "ses_B", type: "assistant", seq: 2, created: t + 20, updated: t + 30,
                       data: V2.assistant(content: [V2.text("Hi.")], at: t + 20, completed: t + 30, finish: "stop"))
        let reader = try OpenCodeDatabaseReader(path: path)
        let first = try reader.readNew(after: nil)
        #expect(first.events.map(\.kind) == [OpenCodeV2ReaderTests.started(version: "1.18.32"), .userMessage("Hello"), .agentMessage("Hi.")])

        try v1.insert(session: ["id": "ses_B", "directory": "/home/dev/proj", "version": "1.18.32",
                                "time": ["created": t, "updated": t + 40]])
        try v1.insert(message: ["id": "msg_1", "sessionID": "ses_B", "role": "user", "time": ["created": t + 10]],
                      parts: [["id": "prt_1", "messageID": "msg_1", "sessionID": "ses_B", "type": "text", "text": "Hello"]])
        try v1.insert(message: ["id": "msg_2", "sessionID": "ses_B", "role": "assistant", "agent": "build",
                                "time": ["created": t + 20, "completed": t + 30]],
                      parts: [["id": "prt_2", "messageID": "msg_2", "sessionID": "ses_B", "type": "text", "text": "Hi.",
                               "time": ["start": t + 21, "end": t + 29]]])
        let saved = try JSONDecoder().decode(OpenCodeCursor.self, from: JSONEncoder().encode(first.cursor))
        let second = try (restart ? OpenCodeDatabaseReader(path: path) : reader).readNew(after: saved)
        #expect(second.events.isEmpty, "\(second.events.map(\.kind))")
    }
}
