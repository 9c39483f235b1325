import ArgumentParser
import Foundation
import LoopCore
import LoopStore

struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show every field of one lesson, the evidence it came from and its history.",
        discussion: "ID may be any unique prefix of the lesson's id, as `loopctl list` prints it.")

    @Argument(help: "The lesson's id or a unique prefix of it.")
    var id: String

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let outbox = try Context.outbox()
        let stored: StoredLesson
        do {
            stored = try outbox.lesson(idPrefix: id)
        } catch let error as OutboxError {
            throw CLIError("\(error); `loopctl list` shows the ids")
        }
        let evidence = try outbox.evidence(lessonID: stored.lesson.id)
        let transitions = try outbox.transitions(lessonID: stored.lesson.id)
        if output.json {
            try JSONOutput.print(LessonDetail(lesson: stored.lesson, state: stored.state, lastError: stored.lastError, evidence: evidence, transitions: transitions.map(TransitionItem.init)))
            return
        }
        let lesson = stored.lesson
        // A dismissal's reason lives in its log row: show it where `failed` shows its error.
        let why = stored.state == .dismissed ? transitions.last?.note : stored.lastError
        print("""
            id          \(lesson.id)
            state       \(stored.state.rawValue)\(why.map { " (\($0))" } ?? "")
            created     \(lesson.createdAt)
            harness     \(lesson.harness.name) \(lesson.harness.version ?? "")
            artifact    \(lesson.artifact.kind.rawValue) \(lesson.artifact.name)
            signal      \(lesson.signal.rawValue)
            category    \(lesson.category.rawValue)
            severity    \(lesson.severity.rawValue)
            confidence  \(lesson.confidence)
            redactions  \(lesson.redactions.isEmpty ? "none" : lesson.redactions.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))

            summary
            \(lesson.summary.indented)

            excerpt before (\(lesson.excerpt.language ?? "text"))
            \(lesson.excerpt.before.indented)
            excerpt after
            \(lesson.excerpt.after.indented)
            """)
        print("\nevidence")
        for item in evidence {
            print("  - \(item.signal.rawValue) in session \(item.sessionID)")
            print("    transcript \(item.transcriptPath) line \(item.line) (byte \(item.byteOffset))\(item.recordID.map { ", record \($0)" } ?? "")")
            if let file = item.file { print("    file \(file)\(item.commit.map { " at commit \($0.prefix(12))" } ?? "")") }
            print("    \(item.note)")
            if let claim = item.agentClaim { print("    the agent had said: \(claim)") }
            if let score = item.scoreExplanation { print("    \(score)") }
        }
        print("\nhistory")
        for transition in transitions {
            print("  \(ISO8601.string(transition.at))  \(transition.actor.rawValue)  \(transition.from?.rawValue ?? "—") → \(transition.to.rawValue)\(transition.note.map { "  \($0)" } ?? "")")
        }
    }
}

struct LessonDetail: Encodable {
    var lesson: Lesson
    var state: LessonState
    var lastError: String?
    var evidence: [Evidence]
    var transitions: [TransitionItem]
}

struct TransitionItem: Encodable {
    var at: String
    var actor: String
    var from: String?
    var to: String
    var note: String?

    init(_ transition: Transition) {
        at = ISO8601.string(transition.at)
        actor = transition.actor.rawValue
        from = transition.from?.rawValue
        to = transition.to.rawValue
        note = transition.note
    }
}

extension String {
    var indented: String {
        split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
    }
}
