import Foundation
import LoopCore
import LoopStore

/// The read-only tools: pending, get, relevant, status.
extension LessonTools {
    struct LessonList: Codable, Sendable {
        var count: Int
        var lessons: [LessonView]
        var hint: String?
    }

    func pending(_ arguments: ToolArguments) throws -> LessonList {
        let session = try arguments.string("session_id")
        let artifact = try arguments.string("artifact").map(ArtifactFilter.init)
        let limit = try arguments.integer("limit", default: 20, range: 1...100)
        let candidates = try outbox.lessons(state: .pending).filter { artifact?.matches($0.lesson.artifact) ?? true }
        // Each listed lesson's evidence is its context; one read for all of them (pending is the hot path).
        // Without a session filter only the first `limit` are listed, so only theirs are read.
        let evidence = try outbox.evidence(lessonIDs: (session == nil ? Array(candidates.prefix(limit)) : candidates).map(\.id))
        var views: [LessonView] = []
        for stored in candidates {
            let items = evidence[stored.id] ?? []
            if let session, !items.contains(where: { $0.sessionID == session }) { continue }
            views.append(LessonView(stored, evidence: items, withPayload: true, withContext: true))
            if views.count == limit { break }
        }
        let hint = views.isEmpty ? nil
            : "Judge each lesson by its context first: if it is a false alarm (your output was right, the user changed their mind, or another artifact was at fault), call lesson_dismiss and do not ask the user. Show each remaining lesson with the consent gate (LOOP-CONSENT-GATE, the payload unchanged, [S]end [E]dit [D]ecline) and wait for the user's own answer."
        return LessonList(count: views.count, lessons: views, hint: hint)
    }

    struct LessonDetail: Codable, Sendable {
        var lesson: LessonView
        var evidence: [EvidenceView]
        var history: [String]
    }

    func get(_ arguments: ToolArguments) throws -> LessonDetail {
        let stored = try outbox.lesson(idPrefix: try arguments.requiredString("id"))
        let evidence = try outbox.evidence(lessonID: stored.id)
        let history = try outbox.transitions(lessonID: stored.id).map { transition in
            "\(ISO8601.string(transition.at)) \(transition.actor.rawValue): \(transition.from?.rawValue ?? "new") → \(transition.to.rawValue) (\(transition.note ?? ""))"
        }
        return LessonDetail(lesson: LessonView(stored, evidence: evidence, withPayload: true),
                            evidence: evidence.map(EvidenceView.init), history: history)
    }

    /// Approved, sent or failed (approved, upload retrying) lessons matching the
    /// artifact or any of the files, newest first.
    func relevant(_ arguments: ToolArguments) throws -> LessonList {
        let artifact = try arguments.string("artifact").map(ArtifactFilter.init)
        let files = try arguments.strings("files").map(PathSuffix.init)
        let limit = try arguments.integer("limit", default: 10, range: 1...50)
        var views: [LessonView] = []
        let learned = try outbox.lessons().filter { [.approved, .sent, .failed].contains($0.state) }
        for stored in learned {
            var matched = artifact == nil && files.isEmpty
            if let artifact, artifact.matches(stored.lesson.artifact) { matched = true }
            var evidence: [Evidence]?
            if !matched, !files.isEmpty {
                let found = try outbox.evidence(lessonID: stored.id)
                evidence = found
                matched = found.contains { item in item.file.map { file in files.contains { $0.matches(file) } } ?? false }
            }
            guard matched else { continue }
            views.append(LessonView(stored, evidence: evidence))
            if views.count == limit { break }
        }
        return LessonList(count: views.count, lessons: views,
                          hint: views.isEmpty ? "No lessons learned yet for this artifact or these files." : "Apply these corrections; do not repeat the mistakes they describe.")
    }

    struct StatusReport: Codable, Sendable {
        var daemon: DaemonSnapshot?
        var lessons: [String: Int]
        var outbox: String
    }

    func status() async throws -> StatusReport {
        let counts = try outbox.counts()
        return StatusReport(
            daemon: await daemonStatus(),
            lessons: Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) }),
            outbox: outbox.path)
    }
}

/// `name` or `kind:name`, compared case-insensitively.
struct ArtifactFilter: Sendable {
    var kind: ArtifactKind?
    var name: String

    init(_ text: String) {
        if let colon = text.firstIndex(of: ":"), let kind = ArtifactKind(rawValue: String(text[..<colon]).lowercased()) {
            self.kind = kind
            name = String(text[text.index(after: colon)...])
        } else {
            name = text
        }
        if name.hasPrefix("/") { name.removeFirst() }
    }

    func matches(_ artifact: Lesson.Artifact) -> Bool {
        (kind == nil || kind == artifact.kind) && artifact.name.caseInsensitiveCompare(name) == .orderedSame
    }
}

/// Matches a file given by the agent (often absolute) against evidence paths
/// (relative to the repository): whole path components, either side a suffix.
struct PathSuffix: Sendable {
    let components: [Substring]

    init(_ path: String) {
        components = path.split(separator: "/")
    }

    func matches(_ other: String) -> Bool {
        let theirs = other.split(separator: "/")
        guard !components.isEmpty, !theirs.isEmpty else { return false }
        let shorter = min(components.count, theirs.count)
        return components.suffix(shorter).elementsEqual(theirs.suffix(shorter))
    }
}
