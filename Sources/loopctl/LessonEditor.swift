import Foundation
import LoopCore
import LoopStore

/// The [E]dit round trip: the summary and excerpt go to a temporary file, the
/// user's editor opens it, and what comes back goes through
/// `LessonActions.edit` (redacted, re-checked; refused with rule names).
enum LessonEditor {
    static let header = """
        # Edit this lesson. Lines starting with # are ignored.
        # Keep the three section markers; write a general statement a skill author can act on.

        """

    static func render(_ lesson: Lesson) -> String {
        header + "[summary]\n\(lesson.summary)\n\n[before]\n\(lesson.excerpt.before)\n\n[after]\n\(lesson.excerpt.after)\n"
    }

    /// Parses the three sections; nil when a marker is missing.
    static func parse(_ text: String) -> (summary: String, before: String, after: String)? {
        var sections: [String: [String]] = [:]
        var current: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("#") { continue }
            let marker = line.trimmingCharacters(in: .whitespaces)
            if ["[summary]", "[before]", "[after]"].contains(marker) {
                current = marker
                sections[marker] = []
            } else if let current {
                sections[current, default: []].append(line)
            }
        }
        func body(_ key: String) -> String? {
            sections[key].map { $0.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines) }
        }
        guard let summary = body("[summary]"), let before = body("[before]"), let after = body("[after]") else { return nil }
        return (summary, before, after)
    }

    /// Opens the editor on the lesson and stores the result. Throws
    /// `LessonActions.Refused` when the new text still holds a secret.
    static func edit(_ lesson: Lesson, actions: LessonActions) throws -> StoredLesson {
        let file = try PrivateTemporaryFile(name: "lesson-\(lesson.id.prefix(13)).txt", contents: Data(render(lesson).utf8))
        defer { file.remove() }
        try openEditor(on: file.path)
        let text = String(decoding: FileManager.default.contents(atPath: file.path) ?? Data(), as: UTF8.self)
        guard let edited = parse(text) else {
            throw CLIError("the edited file lost one of [summary], [before], [after]; nothing changed")
        }
        return try actions.edit(id: lesson.id, summary: edited.summary, excerptBefore: edited.before, excerptAfter: edited.after, actor: .cli)
    }

    static func openEditor(on file: String) throws {
        let environment = ProcessInfo.processInfo.environment
        let editor = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // The editor may carry arguments ("code --wait"); the file is passed as $1.
        process.arguments = ["-c", "\(editor) \"$1\"", "sh", file]
        process.standardInput = FileHandle.standardInput
        process.standardOutput = FileHandle.standardOutput
        process.standardError = FileHandle.standardError
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CLIError("the editor (\(editor)) exited with status \(process.terminationStatus); nothing changed") }
    }
}
