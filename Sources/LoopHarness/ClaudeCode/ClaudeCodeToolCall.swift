/// The parts of an assistant `tool_use` block that its result needs later.
/// Kept instead of the raw JSON so the decoder stays Sendable.
struct ClaudeCodeToolCall: Sendable, Hashable {
    var name: String
    var filePath: String?
    /// Write's `content`, still escaped: the result's own copy is what is
    /// used when it has one (2.x always), so the file is decoded once, not twice.
    var escapedContent: JSONEscapedString?
    var content: String? { escapedContent?.decoded }
    /// Edit's single replacement or MultiEdit's list.
    var replacements: [ClaudeCodeEditReconstruction.Replacement]
    /// Skill's `skill`.
    var skill: String?

    static let fileEditingTools: Set<String> = ["Edit", "Write", "MultiEdit", "NotebookEdit"]
    /// `Task` was renamed `Agent` in 2.1.63.
    static let subagentTools: Set<String> = ["Task", "Agent"]

    init(name: String, input: JSONObjectView?) {
        self.name = name
        self.filePath = input?.string("file_path") ?? input?.string("notebook_path")
        self.escapedContent = input?.value("content")?.escapedString
        self.skill = input?.string("skill")
        self.replacements = input.map(Self.replacements(in:)) ?? []
    }

    /// Edit's `old_string`/`new_string`, or MultiEdit's `edits`. The same keys
    /// (camelCase) appear in `toolUseResult`, which reflects what was applied.
    static func replacements(in object: JSONObjectView) -> [ClaudeCodeEditReconstruction.Replacement] {
        func replacement(_ edit: JSONObjectView) -> ClaudeCodeEditReconstruction.Replacement? {
            guard let old = edit.string("old_string") ?? edit.string("oldString"),
                  let new = edit.string("new_string") ?? edit.string("newString") else { return nil }
            let all = edit.bool("replace_all") ?? edit.bool("replaceAll") ?? false
            return .init(old: old, new: new, replaceAll: all)
        }
        if object.contains("edits") { return object.objects("edits").compactMap(replacement) }
        return replacement(object).map { [$0] } ?? []
    }
}
