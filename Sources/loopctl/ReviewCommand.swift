import ArgumentParser
import Foundation
import LoopCore
import LoopRuntime
import LoopStore

struct Review: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Go through pending lessons and decide: [S]end, [E]dit, [D]ecline, [L]ater, [Q]uit.",
        discussion: """
            For each lesson you see the artifact, the signal, the summary and the exact JSON that \
            would leave this machine. Send approves it and sends it at once (loopd retries when the \
            hub is down). Without a terminal, review only lists the pending lessons and sends nothing.
            """)

    @Option(help: "Only lessons about this artifact name.")
    var artifact: String?

    @Option(help: "Only lessons from this harness (claude-code, codex, opencode).")
    var harness: String?

    func run() async throws {
        let actions = try Context.actions()
        let lessons = try actions.outbox.lessons(state: .pending).filter { stored in
            (artifact.map { stored.lesson.artifact.name == $0 } ?? true) && (harness.map { stored.lesson.harness.name == $0 } ?? true)
        }
        let term = Terminal(environment: Context.environment)
        guard Terminal.isInteractive else {
            print(lessons.isEmpty ? "No pending lessons." : "\(lessons.count) pending lessons (run `loopctl review` in a terminal to decide):")
            for stored in lessons { print("  \(stored.id.prefix(13))  \(stored.lesson.artifact.kind.rawValue):\(stored.lesson.artifact.name)  \(stored.lesson.summary.prefix(100))") }
            return
        }
        guard !lessons.isEmpty else {
            print("No pending lessons. Nothing to review.")
            return
        }
        let sender: Sender? = {
            guard let settings = try? Context.settings(), case .success(let client) = HubCredentials(paths: Context.paths).client(settings: settings) else { return nil }
            return Sender(actions: actions, client: client, actor: .cli)
        }()
        for (index, stored) in lessons.enumerated() {
            var lesson = stored.lesson
            decide: while true {
                show(lesson, position: index + 1, of: lessons.count, term: term)
                print(term.bold("[S]end  [E]dit  [D]ecline  [L]ater  [Q]uit"), terminator: " ")
                Terminal.flush()
                let key = Terminal.readKey().map { Character($0.lowercased()) }
                print("")
                switch key {
                case "s":
                    do {
                        try actions.approve(id: lesson.id, actor: .cli, note: "approved in loopctl review")
                    } catch let refused as LessonActions.Refused {
                        print(term.warn(refused.description))
                        continue decide
                    }
                    if let sender {
                        print(SendAttemptText.line(try await sender.send(id: lesson.id), id: lesson.id, outbox: actions.outbox).text)
                    } else {
                        print("approved; it will be sent once you `loopctl login --hub URL` (loopd sends approved lessons)")
                    }
                    break decide
                case "e":
                    do {
                        lesson = try LessonEditor.edit(lesson, actions: actions).lesson
                    } catch let refused as LessonActions.Refused {
                        print(term.warn(refused.description))
                    } catch {
                        print(term.warn("\(error)"))
                    }
                case "d":
                    try actions.decline(id: lesson.id, actor: .cli, note: "declined in loopctl review")
                    print("declined")
                    break decide
                case "l":
                    print("later")
                    break decide
                case "q", nil:
                    print("bye")
                    return
                default:
                    print(term.dim("press s, e, d, l or q"))
                }
            }
        }
    }

    func show(_ lesson: Lesson, position: Int, of total: Int, term: Terminal) {
        print("")
        print(term.dim("\(position) of \(total)") + "  " + term.accent("\(lesson.artifact.kind.rawValue) \(lesson.artifact.name)")
              + "  ·  \(lesson.signal.rawValue)  ·  \(lesson.severity.rawValue)")
        print(term.bold(lesson.summary))
        print(term.dim("— exactly what would be sent —"))
        print(String(decoding: (try? LessonActions.payload(lesson)) ?? Data(), as: UTF8.self))
    }
}
