import Foundation
import Testing
@testable import LoopCore

@Suite("Lesson synthesis")
struct SynthesisTests {
    func handEditCandidate() -> Candidate {
        var detector = Detector(config: DetectorConfig(transcriptLag: 0))
        var s = SessionScript()
        _ = detector.ingest(s.started(cwd: "/home/dev/repo"), now: s.now)
        _ = detector.ingest(s.skill("prd-writer"), now: s.now)
        _ = detector.ingest(s.edit("/home/dev/repo/docs/prd.md", before: nil, after: prdDraft), now: s.now)
        return detector.fileChanged(path: "/home/dev/repo/docs/prd.md", content: prdFixed, now: s.now)[0].candidate
    }

    @Test func handEditLessonNamesTheArtifactAndTheNewStructure() {
        let synthesizer = LessonSynthesizer(redactor: Redactor())
        let now = Date(timeIntervalSince1970: 1_800_000_100)
        let (lesson, evidence) = synthesizer.synthesize(handEditCandidate(), id: "0193f1c2-0000-7000-8000-000000000000", now: now)
        #expect(lesson.schema == "loop.lesson/v1")
        #expect(lesson.signal == .handEdit)
        #expect(lesson.artifact.name == "prd-writer")
        #expect(lesson.artifact.kind == .skill)
        #expect(lesson.summary.contains("skill prd-writer"))
        #expect(lesson.summary.contains("Problem / Solution / Metrics"))
        #expect(lesson.excerpt.language == "markdown")
        #expect(lesson.excerpt.after.contains("## Problem"))
        #expect(lesson.createdAt == "2027-01-15T08:01:40.000Z")
        #expect(evidence.file == "docs/prd.md", "relative to the session's repository")
        #expect(evidence.line == 3)
    }

    @Test func uuidV7IsVersionedAndTimeOrdered() {
        let a = UUIDv7.make(at: Date(timeIntervalSince1970: 1_000), random: Array(repeating: 0xff, count: 10))
        let b = UUIDv7.make(at: Date(timeIntervalSince1970: 2_000), random: Array(repeating: 0x00, count: 10))
        #expect(a.count == 36)
        #expect(Array(a)[14] == "7")
        #expect("89ab".contains(Array(a)[19]))
        #expect(a < b)
    }
}
