import Foundation
import LoopCore
import LoopStore
import Testing

@Suite("Outbox: editing a pending lesson")
struct EditTests {
    @Test func editReplacesTheWordsAndLogsIt() throws {
        let file = try OutboxFile()
        defer { file.directory.remove() }
        let outbox = try file.open()
        try outbox.record(candidate: Sample.lesson(), evidence: Sample.evidence(), debounceKey: Sample.key(), actor: .daemon, at: Sample.t0)
        let id = Sample.lesson().id
        try outbox.edit(
            id: id, summary: "PRDs follow Problem/Solution/Metrics.",
            excerpt: .init(before: "# Overview", after: "## Problem", language: "markdown"),
            redactions: [:], actor: .cli, note: "edited: summary, excerpt", at: Sample.t0.addingTimeInterval(5))
        let stored = try #require(try outbox.lesson(id: id))
        #expect(stored.lesson.summary == "PRDs follow Problem/Solution/Metrics.")
        #expect(stored.lesson.excerpt.after == "## Problem")
        #expect(stored.lesson.redactions.isEmpty)
        #expect(stored.lesson.id == id && stored.lesson.signal == .handEdit, "identity unchanged")
        let log = try outbox.transitions(lessonID: id)
        #expect(log.count == 2)
        #expect(log.last?.from == .pending && log.last?.to == .pending && log.last?.actor == .cli)
    }

    @Test func approvedLessonsCannotBeEdited() throws {
        let file = try OutboxFile()
        defer { file.directory.remove() }
        let outbox = try file.open()
        try outbox.record(candidate: Sample.lesson(), evidence: Sample.evidence(), debounceKey: Sample.key(), actor: .daemon, at: Sample.t0)
        try outbox.transition(id: Sample.lesson().id, to: .approved, actor: .cli, at: Sample.t0)
        #expect(throws: OutboxError.self) {
            try outbox.edit(id: Sample.lesson().id, summary: "x", excerpt: .init(before: "", after: "", language: nil), redactions: [:], actor: .cli, note: "edit")
        }
        #expect(try outbox.lesson(id: Sample.lesson().id)?.lesson.summary == Sample.lesson().summary)
    }
}
