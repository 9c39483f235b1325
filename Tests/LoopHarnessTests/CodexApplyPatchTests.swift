import Foundation
import LoopCore
import LoopHarness
import Testing

/// The three apply_patch generations and `patch_apply_end`, on hand-built lines.
struct CodexApplyPatchTests {
    typealias L = CodexTestLines

    static let updatePatch = "*** Begin Patch\n*** Update File: src/a.swift\n@@ func a() {\n-    old()\n+    new()\n+    more()\n }\n*** End Patch"

    @Test("generation 1: shell apply_patch heredoc, relative path resolved against workdir")
    func shellHeredoc() {
        let command = "apply_patch <<'PATCH'\n\(Self.updatePatch)\nPATCH\n"
        let (events, issues) = L.decode([
            L.meta, L.turnContext(),
            L.functionCall("shell", ["command": ["bash", "-lc", command], "workdir": "/repo/pkg"], id: "call_1"),
            L.functionOutput(L.shellOutput("Success. Updated the following files:\nM src/a.swift\n", exitCode: 0), id: "call_1"),
        ])
        #expect(issues.isEmpty)
        let edits = L.edits(events)
        #expect(edits.count == 1)
        #expect(edits.first?.file == "/repo/pkg/src/a.swift")
        #expect(edits.first?.toolCallID == "call_1")
        #expect(edits.first?.tool == "apply_patch")
        #expect(edits.first?.before == nil && edits.first?.after == nil)
        #expect(edits.first?.hunks == [EditHunk(oldStart: 0, oldLines: 2, newStart: 0, newLines: 3,
                                                lines: ["-    old()", "+    new()", "+    more()", " }"])])
    }

    @Test("generation 1b: exec_command cmd string with a heredoc")
    func execCommandHeredoc() {
        let cmd = "apply_patch <<'EOF'\n*** Begin Patch\n*** Add File: notes/b.txt\n+hi\n+there\n*** End Patch\nEOF"
        let output = "Chunk ID: 1\nWall time: 0.1 seconds\nProcess exited with code 0\nOutput:\nSuccess. Updated the following files:\nA notes/b.txt\n"
        let (events, _) = L.decode([
            L.meta, L.turnContext(cwd: "/repo"),
            L.functionCall("exec_command", ["cmd": cmd], id: "c2"),
            L.functionOutput(output, id: "c2"),
        ])
        let edit = L.edits(events).first
        #expect(edit?.file == "/repo/notes/b.txt")
        #expect(edit?.after == "hi\nthere\n")
        #expect(edit?.hunks.first?.addedLineNumbers == [1, 2])
    }

    @Test("a shell command that only prints a patch is no edit")
    func quotedPatchIsNoEdit() {
        let (events, _) = L.decode([
            L.meta,
            L.functionCall("shell", ["command": ["bash", "-lc", "cat <<'X'\n\(Self.updatePatch)\nX"]], id: "c"),
            L.functionOutput(L.shellOutput("…", exitCode: 0), id: "c"),
        ])
        #expect(L.edits(events).isEmpty)
    }

    @Test("generation 2: function apply_patch with {input}")
    func functionApplyPatch() {
        let patch = "*** Begin Patch\n*** Delete File: old.txt\n*** End Patch"
        let (events, _) = L.decode([
            L.meta,
            L.functionCall("apply_patch", ["input": patch], id: "c3"),
            L.functionOutput("Exit code: 0\nWall time: 0 seconds\nOutput:\nSuccess. Updated the following files:\nD old.txt\n", id: "c3"),
        ])
        #expect(L.edits(events) == [AgentEdit(file: "/repo/old.txt", before: nil, after: nil, hunks: [],
                                              toolCallID: "c3", tool: "apply_patch")])
    }

    @Test("generation 3: freeform custom_tool_call with a move")
    func freeformMove() {
        let patch = "*** Begin Patch\n*** Update File: a.txt\n*** Move to: b.txt\n@@\n x\n-y\n+z\n*** End of File\n*** End Patch"
        let (events, _) = L.decode([
            L.meta, L.customToolCall(patch, id: "c4"),
            L.customOutput([["type": "output_text", "text": "Success. Updated the following files:\nM b.txt\n"]], id: "c4"),
        ])
        let edit = L.edits(events).first
        #expect(edit?.file == "/repo/b.txt")
        #expect(edit?.hunks.first?.lines == [" x", "-y", "+z"])
    }

    @Test("patch_apply_end changes win: add, update, delete, move; the output adds nothing")
    func patchApplyEnd() {
        let changes: [String: Any] = [
            "/repo/new.txt": ["type": "add", "content": "one\ntwo\n"],
            "/repo/mod.txt": ["type": "update", "unified_diff": "@@ -1,3 +1,4 @@\n a\n-b\n+B\n+C\n c\n"],
            "/repo/gone.txt": ["type": "delete", "content": "bye\n"],
            "/repo/from.txt": ["type": "update", "unified_diff": "@@ -2 +2 @@\n-x\n+y\n", "move_path": "/repo/to.txt"],
        ]
        let (events, issues) = L.decode([
            L.meta,
            L.customToolCall("*** Begin Patch\n*** Add File: new.txt\n+one\n+two\n*** End Patch", id: "c5"),
            L.event("patch_apply_end", ["call_id": "c5", "turn_id": "t", "stdout": "", "stderr": "", "success": true,
                                        "status": "completed", "changes": changes]),
            L.customOutput("Exit code: 0\nOutput:\nSuccess.", id: "c5"),
        ])
        #expect(issues.isEmpty)
        let edits = Dictionary(uniqueKeysWithValues: L.edits(events).map { ($0.file, $0) })
        #expect(edits.count == 4)
        #expect(edits["/repo/new.txt"]?.after == "one\ntwo\n")
        #expect(edits["/repo/new.txt"]?.hunks.first?.addedLineNumbers == [1, 2])
        #expect(edits["/repo/mod.txt"]?.hunks.first?.addedLineNumbers == [2, 3])
        #expect(edits["/repo/gone.txt"]?.before == "bye\n")
        #expect(edits["/repo/gone.txt"]?.hunks.first?.addedLineNumbers == [])
        #expect(edits["/repo/to.txt"]?.hunks.first?.addedLineNumbers == [2])
        #expect(L.edits(events).allSatisfy { $0.toolCallID == "c5" })
    }

    @Test("the parsed patch is not repeated when patch_apply_end comes after the output")
    func outputBeforeEnd() {
        let (events, _) = L.decode([
            L.meta,
            L.customToolCall("*** Begin Patch\n*** Add File: n.txt\n+x\n*** End Patch", id: "c6"),
            L.customOutput("Success.", id: "c6"),
            L.event("patch_apply_end", ["call_id": "c6", "success": true, "status": "completed",
                                        "changes": ["/repo/n.txt": ["type": "add", "content": "x\n"]]]),
        ])
        #expect(L.edits(events).count == 1)
    }

    @Test("declined patch: one rejection, no edit")
    func declinedPatch() {
        let (events, _) = L.decode([
            L.meta,
            L.customToolCall("*** Begin Patch\n*** Add File: n.txt\n+x\n*** End Patch", id: "c7"),
            L.event("patch_apply_end", ["call_id": "c7", "success": false, "status": "declined",
                                        "stderr": "patch rejected by user", "changes": [String: Any]()]),
            L.customOutput("patch rejected by user", id: "c7"),
        ])
        #expect(L.kinds(events).dropFirst() == [.toolRejected(toolCallID: "c7", userReason: nil)])
    }

    @Test("older builds: rejection only in the output")
    func rejectedPatchOutput() {
        let (events, _) = L.decode([
            L.meta,
            L.functionCall("apply_patch", ["input": "*** Begin Patch\n*** Add File: n.txt\n+x\n*** End Patch"], id: "c8"),
            L.functionOutput("patch rejected by user", id: "c8"),
        ])
        #expect(L.kinds(events).dropFirst() == [.toolRejected(toolCallID: "c8", userReason: nil)])
    }

    @Test("failed patches yield no edit")
    func failedPatch() {
        let (events, _) = L.decode([
            L.meta,
            L.customToolCall("*** Begin Patch\n*** Update File: a\n@@\n-q\n+r\n*** End Patch", id: "c9"),
            L.customOutput("apply_patch verification failed: Failed to find expected lines in /repo/a", id: "c9"),
            L.functionCall("shell", ["command": ["bash", "-lc", "apply_patch <<'P'\n*** Begin Patch\n*** Add File: b\n+z\n*** End Patch\nP"]], id: "c10"),
            L.functionOutput(L.shellOutput("error: patch failed", exitCode: 1), id: "c10"),
            L.customToolCall("*** Begin Patch\n*** Add File: d\n+z\n*** End Patch", id: "c12"),
            L.customOutput("This action was rejected due to unacceptable risk.", id: "c12"),
            L.customToolCall("*** Begin Patch\n*** Add File: c\n+z\n*** End Patch", id: "c11"),
            L.event("patch_apply_end", ["call_id": "c11", "success": false, "status": "failed", "changes": ["/repo/c": ["type": "add", "content": "z\n"]]]),
        ])
        #expect(L.edits(events).isEmpty)
        #expect(!L.kinds(events).contains { if case .toolRejected = $0 { true } else { false } })
    }
}
