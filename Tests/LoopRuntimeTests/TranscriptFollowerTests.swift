import Foundation
import LoopCore
import LoopTestSupport
import Testing
@testable import LoopRuntime

/// A follower whose decoder state was dropped (its session idle for a week)
/// keeps its place in the file and starts the session again on new lines.
@Suite struct TranscriptFollowerTests {
    static func line(_ text: String, uuid: String, time: String) -> String {
        #"{"type":"user","sessionId":"s1","cwd":"/repo","version":"2.1.39","timestamp":"\#(time)","uuid":"\#(uuid)","message":{"role":"user","content":"\#(text)"}}"#
    }

    @Test func forgettingDecoderStateKeepsTheCursorAndRestartsTheSession() throws {
        let root = try TemporaryDirectory(prefix: "loop-follower")
        defer { root.remove() }
        let path = root.appending("s1.jsonl").path
        try (Self.line("first", uuid: "u1", time: "2026-01-01T10:00:00.000Z") + "\n").write(toFile: path, atomically: false, encoding: .utf8)

        var follower = TranscriptFollower(path: path, kind: .claudeCode, storedCursor: nil)
        let first = try follower.readNewLines()
        #expect(first.events.map(\.event.kind.name) == ["sessionStarted", "userMessage"])
        #expect(follower.lastEventTime == Date(timeIntervalSince1970: 1_767_261_600))
        let offset = follower.cursor?.offset

        follower.forgetDecoderState()
        #expect(follower.lastEventTime == nil)
        #expect(follower.cursor?.offset == offset, "the place in the file is kept")

        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((Self.line("second", uuid: "u2", time: "2026-02-01T10:00:00.000Z") + "\n").utf8))
        try handle.close()
        let second = try follower.readNewLines()
        #expect(second.events.map(\.event.kind.name) == ["sessionStarted", "userMessage"],
                "a fresh decoder announces the session again, and the old line is not read twice")
        if case .userMessage(let text) = second.events.last?.event.kind { #expect(text == "second") }
    }
}

extension NormalizedEvent.Kind {
    /// The case name, for comparing event sequences in tests.
    var name: String { String(describing: self).prefix { $0 != "(" }.description }
}
