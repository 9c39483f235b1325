import Foundation

/// A tool call from a `response_item` (`function_call`, `custom_tool_call`,
/// `local_shell_call`), reduced to what the decoder needs: the patch it
/// applies, if any, and the shell command text (for SKILL.md reads).
struct CodexToolCall: Sendable, Hashable {
    var callID: String
    var name: String
    /// The apply_patch patch text, from any of the three generations.
    var patch: String?
    /// The command line a shell-like tool ran, joined into one string.
    var commandText: String?
    /// `workdir` argument of shell tools: relative patch paths resolve against it.
    var workdir: String?

    /// Tools that run a command line (2025 `shell`, `shell_command`, 2026 unified exec).
    static let shellTools: Set<String> = ["shell", "shell_command", "exec_command", "container.exec", "local_shell"]

    /// `function_call`: arguments are a JSON string.
    /// - `shell`/`container.exec`: `{command: ["bash","-lc","apply_patch <<'PATCH'\n…"], workdir}`
    ///   (generation 1; also `["apply_patch", "<patch>"]`)
    /// - `shell_command`/`exec_command`: `{command|cmd: "…", workdir}` with the same heredoc
    /// - `apply_patch`: `{input: "<patch>"}` (generation 2)
    init?(functionCall payload: JSONObjectView) {
        guard let callID = payload.string("call_id"), let name = payload.string("name") else { return nil }
        let arguments = payload.string("arguments").flatMap(Self.jsonObject) ?? payload.object("arguments")
        self.init(callID: callID, name: name, arguments: Arguments(arguments))
    }

    /// `custom_tool_call` (generation 3): freeform `input` is the patch itself.
    init?(customToolCall payload: JSONObjectView) {
        guard let callID = payload.string("call_id"), let name = payload.string("name") else { return nil }
        self.callID = callID
        self.name = name
        let input = payload.string("input") ?? ""
        self.patch = name == "apply_patch" && input.contains(CodexPatchParser.beginMarker) ? input : nil
        self.commandText = nil
        self.workdir = nil
    }

    /// `local_shell_call` (Responses API built-in): `{call_id, action: {command: [..], working_directory}}`.
    init?(localShellCall payload: JSONObjectView) {
        guard let callID = payload.string("call_id") ?? payload.string("id"), let action = payload.object("action") else {
            return nil
        }
        var arguments = Arguments(nil)
        arguments.commandWords = action.array("command")?.compactMap(\.string) ?? []
        arguments.workdir = action.string("working_directory")
        self.init(callID: callID, name: "local_shell", arguments: arguments)
    }

    /// The arguments the decoder reads, from a call's JSON arguments or a local shell action.
    private struct Arguments {
        var workdir: String?
        /// apply_patch's `input` (or `patch`).
        var patchInput: String?
        /// `cmd` or a string `command`.
        var commandString: String?
        /// An array `command`.
        var commandWords: [String] = []

        init(_ object: JSONObjectView?) {
            workdir = object?.string("workdir")
            patchInput = object?.string("input") ?? object?.string("patch")
            commandString = object?.string("cmd") ?? object?.string("command")
            commandWords = object?.array("command")?.compactMap(\.string) ?? []
        }
    }

    private init(callID: String, name: String, arguments: Arguments) {
        self.callID = callID
        self.name = name
        self.workdir = arguments.workdir
        if name == "apply_patch" {
            self.commandText = nil
            self.patch = arguments.patchInput.flatMap { $0.contains(CodexPatchParser.beginMarker) ? $0 : nil }
            return
        }
        let words = arguments.commandWords
        let text = arguments.commandString ?? (words.isEmpty ? nil : words.joined(separator: " "))
        self.commandText = text
        // The patch must be handed to apply_patch, not merely quoted (e.g. `cat notes.md`).
        if let text, Self.invokesApplyPatch(text), let begin = text.range(of: CodexPatchParser.beginMarker) {
            self.patch = String(text[begin.lowerBound...])
        } else {
            self.patch = nil
        }
    }

    /// `apply_patch` / `applypatch` as a command word (start of the line or after
    /// a shell separator), as Codex's own interception requires.
    static func invokesApplyPatch(_ command: String) -> Bool {
        for name in ["apply_patch", "applypatch"] {
            var searchStart = command.startIndex
            while let range = command.range(of: name, range: searchStart..<command.endIndex) {
                let before = command[..<range.lowerBound].last
                if before == nil || " \n\t;&|(".contains(before!) { return true }
                searchStart = range.upperBound
            }
        }
        return false
    }

    /// A JSON object held in a string (function-call arguments, wrapped outputs).
    static func jsonObject(_ text: String) -> JSONObjectView? {
        JSONObjectView(line: ArraySlice(text.utf8))
    }
}
