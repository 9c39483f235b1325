import Foundation

/// One tool item of a V2 assistant message (`{type: "tool", id, name, state, time}`)
/// as a V1 tool part: V1 tool names, V1 input keys, absolute paths, a V1
/// error string. Copied 1.x rows keep V1 names and keys, which pass through.
enum OpenCodeV2Tool {
    /// V2 name → the V1 name the decoder knows. `patch` is stored as `patch`
    /// or as its freeform name `apply_patch`; both become `apply_patch`.
    static let v1Names = ["shell": "bash", "subagent": "task", "patch": "apply_patch"]

    static func part(_ item: [String: Any], messageID: String, sessionID: String, directory: String?) -> [String: Any]? {
        guard let callID = item.string("id"), let name = item.string("name"), let state = item.object("state"),
              let status = state.string("status") else { return nil }
        let tool = v1Names[name] ?? name
        let metadata = state.object("metadata").map { files(in: $0, directory: directory) }
        // A streaming call's input is a partial JSON string: nothing to read yet.
        var input = state.object("input") ?? [:]
        if input["filePath"] == nil, let path = input.string("path") { input["filePath"] = absolute(path, in: directory) }
        if tool == "task", input["subagent_type"] == nil {
            input["subagent_type"] = input.string("agent") ?? input.string("name")
        }
        if tool == "skill", input["name"] == nil {
            // V2's skill tool takes `{id}` and reports the skill's name in metadata.
            input["name"] = metadata?.string("name") ?? input.string("id")
        }
        var v1State: [String: Any] = ["status": status == "streaming" ? "pending" : status, "input": input]
        if let metadata { v1State["metadata"] = metadata }
        if let error = state.object("error") {
            v1State["error"] = errorText(error)
        } else if let error = state.string("error") {
            v1State["error"] = error
        }
        let time = item.object("time") ?? [:]
        var v1Time: [String: Any] = [:]
        if let start = time["ran"] ?? time["created"] { v1Time["start"] = start }
        if let end = time["completed"] { v1Time["end"] = end }
        v1State["time"] = v1Time
        // Qualified by the message: call ids are only as unique as the provider makes them.
        return ["id": "\(messageID):\(callID)", "messageID": messageID, "sessionID": sessionID, "type": "tool",
                "tool": tool, "callID": callID, "state": v1State]
    }

    /// V2 errors are `{type, message}` (some builds: the error's name or tag,
    /// and `feedback`). A refused permission becomes V1's sentence for it, so
    /// one reading of the text serves both.
    static func errorText(_ error: [String: Any]) -> String {
        switch OpenCodePermissionError(error) {
        case .corrected(let reason)?:
            return OpenCodePermissionError.rejectionText + " with the following feedback: " + reason
        case .rejected?: return OpenCodePermissionError.rejectionText + "."
        case .denied?: return OpenCodePermissionError.deniedText + "."
        case nil: return error.string("message") ?? error.string("type") ?? "error"
        }
    }

    /// `metadata.files` holds V2 FileDiffs `{file, patch, additions, deletions,
    /// status}` (earlier builds may say `filePath`/`path`, `diff`, and carry
    /// `before`/`after`): rewritten as V1 apply_patch entries
    /// `{filePath (absolute), type, diff, before?, after?}` for `OpenCodeToolEdits`.
    private static func files(in metadata: [String: Any], directory: String?) -> [String: Any] {
        guard let entries = metadata.array("files") else { return metadata }
        var result = metadata
        result["files"] = entries.map { value -> Any in
            guard var entry = value as? [String: Any] else { return value }
            if let file = entry.string("filePath") ?? entry.string("file") ?? entry.string("path") {
                entry["filePath"] = absolute(file, in: directory)
            }
            if let move = entry.string("movePath") { entry["movePath"] = absolute(move, in: directory) }
            if entry["type"] == nil, let status = entry.string("status") {
                entry["type"] = ["added": "add", "deleted": "delete"][status] ?? "update"
            }
            if entry["diff"] == nil, let patch = entry.string("patch") { entry["diff"] = patch }
            return entry
        }
        return result
    }

    /// V2 tools take paths relative to the session's directory (absolute ones
    /// are kept); events name files by absolute path.
    static func absolute(_ path: String, in directory: String?) -> String {
        let isAbsolute = path.hasPrefix("/") || path.dropFirst().hasPrefix(":/") || path.dropFirst().hasPrefix(":\\")
        guard !isAbsolute, let directory, !directory.isEmpty else { return path }
        var relative = Substring(path)
        while relative.hasPrefix("./") { relative = relative.dropFirst(2) }
        if relative == "." || relative.isEmpty { return directory }
        return directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
    }
}
