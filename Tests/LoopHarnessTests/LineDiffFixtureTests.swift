import Foundation
import LoopCore
import LoopHarness
import LoopTestSupport
import Testing

/// LineDiff against Claude Code's own structuredPatch: for every recorded edit
/// whose before and after text the decoder could rebuild, diffing them must
/// give the hunks Claude Code wrote.
struct LineDiffFixtureTests {
    static let files = [
        "agentcmd__full-session-two.jsonl",
        "claude-code-viewer__fe5e1c67-53e7-4862-81ae-d0e013e3270b.jsonl",
        "spotter__258c7280-ae70-4798-800f-63464d01a85d.jsonl",
        "spotter__8463c716-a2ea-4c14-9efa-87158ebd9f20.jsonl",
    ]

    @Test("LineDiff reproduces recorded structuredPatch hunks", arguments: files)
    func matchesStructuredPatch(_ file: String) throws {
        let (events, _) = try ClaudeCodeDecoder.decodeFile(at: Fixtures.claudeCode.appendingPathComponent(file).path)
        var compared = 0
        for event in events {
            guard case .agentEdited(let edit) = event.kind, let before = edit.before, let after = edit.after,
                  !edit.hunks.isEmpty else { continue }
            compared += 1
            let computed = LineDiff.hunks(old: before, new: after)
            #expect(computed == edit.hunks, "\(edit.tool) \(edit.toolCallID) in \(file)")
        }
        #expect(compared > 0)
    }

    @Test("every rebuilt after-text is consistent with the recorded hunks' added lines")
    func rebuiltAfterTextsContainAddedLines() throws {
        for file in Self.files {
            let (events, _) = try ClaudeCodeDecoder.decodeFile(at: Fixtures.claudeCode.appendingPathComponent(file).path)
            for event in events {
                guard case .agentEdited(let edit) = event.kind, let after = edit.after else { continue }
                let lines = LineDiff.splitLines(after).map { String($0.text) }
                for var hunk in edit.hunks {
                    // EditHunk.addedLineNumbers counts jsdiff's "\ No newline" marker as a
                    // line (reported to the model owner), so drop markers here.
                    hunk.lines.removeAll { $0 == LineDiff.noNewlineMarker }
                    for (number, line) in zip(hunk.addedLineNumbers, hunk.lines.filter { $0.hasPrefix("+") }) {
                        #expect(number <= lines.count && lines[number - 1] == String(line.dropFirst()),
                                "\(edit.toolCallID) line \(number) in \(file)")
                    }
                }
            }
        }
    }
}
