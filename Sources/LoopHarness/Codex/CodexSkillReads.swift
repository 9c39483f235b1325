/// Skills the agent loaded by reading their SKILL.md through a shell command
/// (`cat ~/.codex/skills/pdf/SKILL.md`, `sed -n '1,80p' .agents/skills/x/SKILL.md`).
/// Before Codex injected `<skill>` blocks, that read was how a skill came into
/// force, and models still do it when a skill is listed but not injected.
enum CodexSkillReads {
    /// Commands that print a file. A SKILL.md merely listed (`ls`, `find`) or
    /// written is no activation.
    static let readers: Set<String> = ["cat", "sed", "head", "tail", "less", "more", "bat", "nl", "awk", "Get-Content", "type"]

    /// Each skill at most once, in order: name is SKILL.md's folder, and the
    /// path must have a `skills` folder above it.
    static func skills(readBy command: String) -> [(name: String, directory: String)] {
        let words = command.split(whereSeparator: { " \n\t;|&()\"'=".contains($0) })
        guard words.contains(where: { readers.contains(String($0)) }),
              !CodexToolCall.invokesApplyPatch(command) else { return [] }
        var found: [(name: String, directory: String)] = []
        for word in words where word.hasSuffix("/SKILL.md") {
            let components = word.split(separator: "/", omittingEmptySubsequences: false)
            guard components.count >= 3 else { continue }
            let name = String(components[components.count - 2])
            guard !name.isEmpty, !name.hasPrefix("."), components.dropLast(2).contains("skills"),
                  !found.contains(where: { $0.name == name }) else { continue }
            found.append((name, components.dropLast().joined(separator: "/")))
        }
        return found
    }
}
