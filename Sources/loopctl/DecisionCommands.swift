import ArgumentParser
import Foundation
import LoopCore
import LoopRuntime
import LoopStore

struct Send: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Approve and send lessons now.",
        discussion: """
            A pending or failed lesson named here is approved (your consent) and sent at once. \
            With --all-approved, every lesson already approved is sent. When the hub cannot be \
            reached the lesson stays approved and loopd retries it; exit status 3.
            """)

    @Argument(help: "Lesson ids (or unique prefixes).")
    var ids: [String] = []

    @Flag(help: "Send every approved lesson.")
    var allApproved = false

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if ids.isEmpty && !allApproved { throw ValidationError("name lesson ids, or use --all-approved") }
    }

    func run() async throws {
        let actions = try Context.actions()
        var chosen: [String] = []
        for id in ids {
            let stored = try actions.outbox.lesson(idPrefix: id)
            if stored.state == .pending || stored.state == .failed {
                try actions.approve(id: stored.id, actor: .cli, note: "approved with loopctl send")
            }
            chosen.append(stored.id)
        }
        if allApproved { chosen += try actions.outbox.lessons(state: .approved).map(\.id) }
        let client: HubClient
        switch HubCredentials(paths: Context.paths).client(settings: try Context.settings()) {
        case .success(let made): client = made
        case .failure(let reason): throw CLIError("\(reason) (the lessons stay approved)")
        }
        let sender = Sender(actions: actions, client: client, actor: .cli)
        var unreachable = false
        var failed = false
        for id in Set(chosen).sorted() {
            // loopd sends approved lessons too; the outbox claim makes one of us the sender.
            let line = SendAttemptText.line(try await sender.send(id: id), id: id, outbox: actions.outbox)
            print(line.text)
            unreachable = unreachable || line.unreachable
            failed = failed || line.failed
        }
        if unreachable { throw Unreachable(description: "some lessons could not reach the hub; they stay approved and loopd retries them") }
        if failed { throw ExitCode.failure }
    }
}

enum SendReportText {
    static func line(_ report: Sender.Report) -> String {
        switch report.outcome {
        case .sent(let duplicate): "\(report.id.prefix(13))  sent\(duplicate ? " (the hub already had it)" : "")"
        case .quarantined(let rules): "\(report.id.prefix(13))  sent, but quarantined by the hub: \(rules.joined(separator: ", "))"
        case .rejected(let reason): "\(report.id.prefix(13))  failed: \(reason)"
        case .retry(let reason): "\(report.id.prefix(13))  not sent yet: \(reason) (stays approved; loopd retries)"
        }
    }
}

struct Approve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Consent to sending lessons without sending them now: loopd sends them in the background.")

    @Argument(help: "Lesson ids (or unique prefixes).")
    var ids: [String]

    func run() async throws {
        try DecisionCommands.apply(ids, verb: "approved") { try $0.approve(id: $1, actor: .cli, note: "approved with loopctl approve") }
    }
}

struct Decline: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Decline lessons: they are never sent, and their evidence is forgotten.")

    @Argument(help: "Lesson ids (or unique prefixes).")
    var ids: [String]

    func run() async throws {
        try DecisionCommands.apply(ids, verb: "declined") { try $0.decline(id: $1, actor: .cli) }
    }
}

struct Edit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Edit a pending lesson's summary and excerpt in $VISUAL or $EDITOR.",
        discussion: "What comes back is redacted and checked again; an edit that puts a secret back is refused with the rule's name.")

    @Argument(help: "The lesson's id (or a unique prefix).")
    var id: String

    func run() async throws {
        let actions = try Context.actions()
        let stored = try actions.outbox.lesson(idPrefix: id)
        let edited = try LessonEditor.edit(stored.lesson, actions: actions)
        print(String(decoding: try LessonActions.payload(edited.lesson), as: UTF8.self))
    }
}

enum DecisionCommands {
    /// Resolves each id prefix and applies one decision to it, printing the result.
    static func apply(_ ids: [String], verb: String, _ decide: (LessonActions, String) throws -> Void) throws {
        let actions = try Context.actions()
        for id in ids {
            let stored = try actions.outbox.lesson(idPrefix: id)
            try decide(actions, stored.id)
            print("\(stored.id.prefix(13))  \(verb)")
        }
    }
}
