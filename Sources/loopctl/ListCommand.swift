import ArgumentParser
import Foundation
import LoopCore
import LoopStore

struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the lessons in the outbox, newest first.",
        discussion: "Each line shows the lesson's id (any unique prefix works with `show`), state, signal, artifact and summary.")

    @Option(help: "Only lessons in this state: \(LessonState.allCases.map(\.rawValue).joined(separator: ", ")).")
    var state: LessonState?

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let lessons = try Context.outbox().lessons(state: state)
        if output.json {
            try JSONOutput.print(lessons.map(LessonListItem.init))
            return
        }
        if lessons.isEmpty {
            print(state.map { "No \($0.rawValue) lessons." } ?? "No lessons yet. loopd records them as you correct your agents' output.")
            return
        }
        for stored in lessons {
            let lesson = stored.lesson
            print("\(lesson.id.prefix(13))  \(stored.state.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0))  \(lesson.signal.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0))  \(lesson.artifact.kind.rawValue):\(lesson.artifact.name)")
            print("    \(lesson.summary.prefix(160))")
        }
    }
}

/// The JSON shape of `loopctl list --json`: the lesson plus its state.
struct LessonListItem: Encodable {
    var id: String
    var state: LessonState
    var createdAt: String
    var signal: Signal
    var severity: Severity
    var artifact: Lesson.Artifact
    var harness: Lesson.HarnessInfo
    var summary: String
    var lastError: String?

    init(_ stored: StoredLesson) {
        id = stored.lesson.id
        state = stored.state
        createdAt = stored.lesson.createdAt
        signal = stored.lesson.signal
        severity = stored.lesson.severity
        artifact = stored.lesson.artifact
        harness = stored.lesson.harness
        summary = stored.lesson.summary
        lastError = stored.lastError
    }
}

extension LessonState: ExpressibleByArgument {}
