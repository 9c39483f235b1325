import Foundation
import Testing
@testable import LoopCore

/// Idle sessions are forgotten, measured on the transcripts' own clock.
@Suite("Detector: forgetting idle sessions")
struct DetectorMemoryTests {
    @Test func sessionsIdleLongerThanTheMemoryAreForgotten() {
        var detector = Detector(config: DetectorConfig(transcriptLag: 0))
        detector.config.sessionMemory = 3_600
        var old = SessionScript(sessionID: "old", path: "/p/old.jsonl")
        _ = detector.ingest(old.started(), now: old.now)
        _ = detector.ingest(old.skill("prd-writer"), now: old.now)
        _ = detector.ingest(old.edit("/repo/old.md", before: nil, after: prdDraft), now: old.now)

        var recent = SessionScript(sessionID: "recent", path: "/p/recent.jsonl")
        recent.line = 1_800  // 30 minutes later on the transcripts' clock: both still remembered
        _ = detector.ingest(recent.started(), now: recent.now)
        _ = detector.ingest(recent.skill("prd-writer"), now: recent.now)
        _ = detector.ingest(recent.edit("/repo/recent.md", before: nil, after: prdDraft), now: recent.now)
        #expect(detector.forgetIdleSessions() == 0)
        #expect(detector.agentWrittenFiles == ["/repo/old.md", "/repo/recent.md"])

        recent.line = 7_300  // two hours after the old session's last event
        _ = detector.ingest(recent.agent("done"), now: recent.now)
        #expect(detector.forgetIdleSessions() == 1)
        #expect(detector.agentWrittenFiles == ["/repo/recent.md"])
        #expect(detector.fileChanged(path: "/repo/old.md", content: prdFixed, now: recent.now).isEmpty,
                "a forgotten file's change is not judged")
        let decisions = detector.fileChanged(path: "/repo/recent.md", content: prdFixed, now: recent.now)
        #expect(decisions.contains { $0.isLesson && $0.candidate.signal == .handEdit }, "the recent session still is")
        #expect(detector.sessionDirectories.keys.sorted() == ["recent"])
    }

    @Test func sessionsWithoutTimesAndAWaitingChangeOfAnotherOwnerAreKept() {
        var detector = Detector(config: DetectorConfig(transcriptLag: 60))
        detector.config.sessionMemory = 10
        // No timestamps at all: nothing to measure against, nothing forgotten.
        var undated = SessionScript(sessionID: "undated", path: "/p/u.jsonl")
        let started = undated.started()
        _ = detector.ingest(NormalizedEvent(harness: started.harness, sessionID: started.sessionID, timestamp: nil,
                                            position: started.position, kind: started.kind), now: undated.now)
        let edit = undated.edit("/repo/shared.md", before: nil, after: prdDraft)
        _ = detector.ingest(NormalizedEvent(harness: edit.harness, sessionID: edit.sessionID, timestamp: nil,
                                            position: edit.position, kind: edit.kind), now: undated.now)
        var dated = SessionScript(sessionID: "dated", path: "/p/d.jsonl")
        _ = detector.ingest(dated.started(), now: dated.now)
        _ = detector.ingest(dated.edit("/repo/dated.md", before: nil, after: prdDraft), now: dated.now)
        _ = detector.fileChanged(path: "/repo/shared.md", content: prdFixed, now: dated.now)
        dated.line = 100
        _ = detector.ingest(dated.agent("later"), now: dated.now)
        #expect(detector.forgetIdleSessions() == 0, "the dated session is the newest; the undated one has no time")
        #expect(detector.pendingChanges.keys.contains("/repo/shared.md"))
        #expect(detector.agentWrittenFiles == ["/repo/shared.md", "/repo/dated.md"])
    }
}
