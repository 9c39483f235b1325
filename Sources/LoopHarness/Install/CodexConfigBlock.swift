import LoopCore
import Foundation

/// loop's entry in `~/.codex/config.toml`, as a clearly marked block of text.
/// TOML libraries rewrite the whole file (dropping comments, reordering keys),
/// so the user's config is never parsed and re-emitted: only these lines change.
enum CodexConfigBlock {
    static let begin = "# BEGIN loop (managed by loopctl install)"
    static let end = "# END loop"

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

    /// `text` with the block added or replaced. A `[mcp_servers.loop]` table the
    /// user wrote themselves is theirs: refused rather than overridden.
    static func install(command: String, in text: String) throws -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let blockLines = block(command: command).split(separator: "\n").map(String.init)
        if let range = managedRange(lines) {
            lines.replaceSubrange(range, with: blockLines)
            return lines.joined(separator: "\n")
        }
        if lines.contains(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix("[mcp_servers.loop]") }) {
            throw Conflict(description: "config.toml already defines [mcp_servers.loop] outside loop's managed block; remove it or leave it as it is")
        }
        var result = text
        if !result.isEmpty && !result.hasSuffix("\n") { result += "\n" }
        if !result.isEmpty && !result.hasSuffix("\n\n") { result += "\n" }
        return result + blockLines.joined(separator: "\n") + "\n"
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
