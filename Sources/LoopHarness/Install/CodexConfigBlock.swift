import LoopCore
import Foundation

/// loop's entry in `~/.codex/config.toml`, as a clearly marked block of text.
/// TOML libraries rewrite the whole file (dropping comments, reordering keys),
/// so the user's config is never parsed and re-emitted: only these lines change.
enum CodexConfigBlock {
    static let begin = "# BEGIN loop (managed by loopctl install)"
    static let end = "# END loop"

    /// Why the block cannot be added; the description starts with the line.
    struct Conflict: Error, CustomStringConvertible {
        var description: String
    }

    /// The block registering `loopctl mcp` as the stdio server `loop`.
    static func block(command: String) -> String {
        """
        \(begin)
        [mcp_servers.loop]
        command = \(quoted(command))
        args = ["mcp"]
        \(end)
        """
    }

    /// `text` with the block added or replaced. Refused (nothing changes) when
    /// the file already defines `mcp_servers.loop` outside the block in any
    /// spelling, or when TOML would not let the block add it: appending would
    /// give Codex a file it rejects.
    static func install(command: String, in text: String) throws -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let blockLines = block(command: command).split(separator: "\n").map(String.init)
        let managed = managedRange(lines)
        if let conflict = conflict(in: text, managedLines: managed.map { ($0.lowerBound + 1)...$0.upperBound }) {
            throw conflict
        }
        if let range = managed {
            lines.replaceSubrange(range, with: blockLines)
            return lines.joined(separator: "\n")
        }
        var result = text
        if !result.isEmpty && !result.hasSuffix("\n") { result += "\n" }
        if !result.isEmpty && !result.hasSuffix("\n\n") { result += "\n" }
        return result + blockLines.joined(separator: "\n") + "\n"
    }

    /// The first definition that clashes with loop's `[mcp_servers.loop]`;
    /// `managedLines` (1-based) are loop's own.
    static func conflict(in text: String, managedLines: ClosedRange<Int>?) -> Conflict? {
        let definitions: [TOMLDefinitions.Definition]
        do {
            definitions = try TOMLDefinitions.scan(text)
        } catch {
            return Conflict(description: "line \(error.line): \(error.message). loop reads the file to make sure it does not "
                            + "define mcp_servers.loop twice; fix that line (Codex cannot read it either), then run loopctl install again")
        }
        let theirs = definitions.filter { !(managedLines?.contains($0.line) ?? false) }
        if let definition = theirs.first(where: { $0.path.starts(with: ["mcp_servers", "loop"]) }) {
            let spelled = definition.path.map { TOMLDefinitions.bareKey($0) ? $0 : quoted($0) }.joined(separator: ".")
            let after = managedLines.map { definition.line > $0.upperBound } ?? false
            return Conflict(description: after
                ? "line \(definition.line): \(spelled) follows loop's block, so TOML puts it inside [mcp_servers.loop]; "
                    + "nothing was changed. Move it above the line \"\(begin)\", then run loopctl install again"
                : "line \(definition.line): \(spelled) already defines the MCP server loop (written by you, not by loopctl install); "
                    + "nothing was changed. Remove that definition and run loopctl install again, or keep yours and skip this step")
        }
        if let definition = theirs.first(where: { $0.path == ["mcp_servers"] && $0.kind != .header }) {
            return Conflict(description: "line \(definition.line): mcp_servers is written as a value (mcp_servers = { … }), "
                + "and TOML allows no [mcp_servers.loop] table next to it; nothing was changed. Rewrite it as "
                + "[mcp_servers.<name>] tables, then run loopctl install again")
        }
        return nil
    }

    /// `text` without the block (and the blank line install put before it).
    static func uninstall(from text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let range = managedRange(lines) else { return text }
        var lower = range.lowerBound
        if lower > 0, lines[lower - 1].isEmpty { lower -= 1 }
        var upper = range.upperBound
        if lower == range.lowerBound, upper < lines.count, lines[upper].isEmpty { upper += 1 }
        lines.removeSubrange(lower..<upper)
        return lines.joined(separator: "\n")
    }

    static func managedRange(_ lines: [String]) -> Range<Int>? {
        guard let start = lines.firstIndex(of: begin),
              let stop = lines[start...].firstIndex(of: end) else { return nil }
        return start..<(stop + 1)
    }

    /// A TOML basic string (the same quoting every loop TOML edit uses).
    static func quoted(_ text: String) -> String { TOMLEdit.quoted(text) }
}
