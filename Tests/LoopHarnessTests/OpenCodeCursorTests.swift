import Foundation
import LoopHarness
import Testing

/// `OpenCodeCursor` as the daemon persists it (JSON).
struct OpenCodeCursorTests {
    @Test("a cursor saved before V2 tables were read still decodes; V2 starts from the beginning")
    func oldCursor() throws {
        let old = #"{"sessions":{"time":5,"seenAtTime":{"ses_1":42}},"messages":{"time":7,"seenAtTime":{}},"parts":{"time":-1,"seenAtTime":{}}}"#
        let cursor = try JSONDecoder().decode(OpenCodeCursor.self, from: Data(old.utf8))
        #expect(cursor.sessions == OpenCodeTableCursor(time: 5, seenAtTime: ["ses_1": 42]))
        #expect(cursor.messages.time == 7 && cursor.parts.time == -1)
        #expect(cursor.sessionsV2 == OpenCodeTableCursor() && cursor.sessionMessages == OpenCodeTableCursor())
        var next = cursor
        next.sessionMessages = OpenCodeTableCursor(time: 9, seenAtTime: ["msg_1": 1])
        #expect(try JSONDecoder().decode(OpenCodeCursor.self, from: JSONEncoder().encode(next)) == next)
    }
}
