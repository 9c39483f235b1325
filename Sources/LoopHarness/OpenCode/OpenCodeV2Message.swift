import Foundation

/// Translates one OpenCode 2.0 `session_message` row into the V1-shaped
/// objects `OpenCodeSessionDecoder` already understands: a message info
/// (`role`, `agent`, `time`, `error`) and its parts. Pure: the same row gives
/// the same objects, with stable part ids, so a row re-read after a rewrite
/// emits only what is new. Mapping and its uncertain points:
/// docs/harness-opencode.md, "V2 tables".
enum OpenCodeV2Message {
    struct Translated {
        /// nil for the kinds that mean nothing here (idle, synthetic, system,
        /// shell, compaction, *-switched, unknown ones).
        var message: [String: Any]?
        var parts: [[String: Any]] = []
    }

    /// `row` is `{...data, id, type, sessionID}`; relative paths in tool calls
    /// resolve against `directory`, the session's working directory.
    static func translate(_ row: [String: Any], directory: String?) -> Translated {
        guard let id = row.string("id"), let type = row.string("type") else { return Translated() }
        let sessionID = row.string("sessionID") ?? ""
        let time = row.object("time") ?? [:]
        let ids: [String: Any] = ["messageID": id, "sessionID": sessionID]
        switch type {
        case "user":
            let message: [String: Any] = ["id": id, "sessionID": sessionID, "role": "user", "time": time]
            guard let text = row.string("text") else { return Translated(message: message) }
            return Translated(message: message, parts: [ids.merging(["id": "\(id):0", "type": "text", "text": text]) { $1 }])
        case "assistant":
            return assistant(row, id: id, sessionID: sessionID, time: time, directory: directory)
        case "skill":
            // A skill the user invoked: its own row, not a tool call. `name` is
            // the skill's name, `skill` its id.
            guard let name = row.string("name") ?? row.string("skill") else { return Translated() }
            let message: [String: Any] = ["id": id, "sessionID": sessionID, "role": "skill", "time": time]
            let state: [String: Any] = ["status": "completed", "input": ["name": name]]
            let part = ids.merging(["id": "\(id):skill", "type": "tool", "tool": "skill", "state": state]) { $1 }
            return Translated(message: message, parts: [part])
        default:
            return Translated()
        }
    }

    /// The row is settled once `time.completed`, `finish` or `error` is set;
    /// until then its text items are a streamed prefix and are left out. Tool
    /// items go in whatever their state: the decoder acts on completed/error only.
    private static func assistant(
        _ row: [String: Any], id: String, sessionID: String, time: [String: Any], directory: String?
    ) -> Translated {
        let settled = time["completed"] != nil || row["finish"] != nil || row["error"] != nil
        var message: [String: Any] = ["id": id, "sessionID": sessionID, "role": "assistant", "time": time]
        if let agent = row.string("agent") { message["agent"] = agent }
        if let error = row.object("error") {
            // V1's name for a user interrupt; V2 says `aborted`.
            let name = error.string("type") == "aborted" ? "MessageAbortedError" : (error.string("type") ?? "UnknownError")
            message["error"] = ["name": name, "data": ["message": error.string("message") ?? ""]]
        }
        let ids: [String: Any] = ["messageID": id, "sessionID": sessionID]
        var parts: [[String: Any]] = []
        for (index, item) in (row.array("content") ?? []).enumerated() {
            guard let item = item as? [String: Any] else { continue }
            switch item.string("type") {
            case "text" where settled:
                var part = ids.merging(["id": "\(id):\(index)", "type": "text", "text": item.string("text") ?? ""]) { $1 }
                if let completed = time["completed"] { part["time"] = ["start": time["created"] ?? completed, "end": completed] }
                parts.append(part)
            case "tool":
                if let part = OpenCodeV2Tool.part(item, messageID: id, sessionID: sessionID, directory: directory) {
                    parts.append(part)
                }
            default:
                break  // reasoning, a streaming text, unknown kinds
            }
        }
        return Translated(message: message, parts: parts)
    }
}
