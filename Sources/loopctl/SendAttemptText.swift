import Foundation
import LoopCore
import LoopRuntime
import LoopStore

/// What `loopctl send` and `review` print for one send attempt, including the
/// cases where another sender (loopd, or another loopctl) has or had the lesson.
enum SendAttemptText {
    struct Line {
        var text: String
        var unreachable = false
        var failed = false
    }

    static func line(_ attempt: Sender.Attempt, id: String, outbox: Outbox) -> Line {
        let short = String(id.prefix(13))
        switch attempt {
        case .reported(let report):
            var line = Line(text: SendReportText.line(report))
            if case .retry = report.outcome { line.unreachable = true }
            if case .rejected = report.outcome { line.failed = true }
            return line
        case .beingSent(let claim):
            let who = claim.actor == .daemon ? "loopd" : "another loopctl (pid \(claim.pid))"
            return Line(text: "\(short)  \(who) is sending it now (since \(time(claim.claimedAt))); `loopctl list` shows how it went")
        case .notSendable(let stored):
            guard let stored else { return Line(text: "\(short)  no such lesson", failed: true) }
            let last = (try? outbox.transitions(lessonID: id))?.last { $0.to == stored.state }
            let by = last.map { " by \(name($0.actor)) at \(time($0.at))" } ?? ""
            switch stored.state {
            case .sent: return Line(text: "\(short)  sent\(by)")
            case .failed: return Line(text: "\(short)  failed\(by): \(stored.lastError ?? "no reason recorded")", failed: true)
            case .approved: return Line(text: "\(short)  approved; loopd sends it when its retry time comes")
            default: return Line(text: "\(short)  \(stored.state.rawValue)\(by); not sent")
            }
        }
    }

    static func name(_ actor: Actor) -> String {
        switch actor {
        case .daemon: "loopd"
        case .cli: "loopctl"
        case .mcp: "an agent"
        }
    }

    static func time(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date)
    }
}
