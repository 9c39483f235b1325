import Foundation
import LoopCore

/// Decodes `opencode export <sessionID>` output:
/// `{info: Session, messages: [{info: Message, parts: [Part]}]}`.
public enum OpenCodeExport {
    public static func decodeFile(at path: String) throws -> (events: [NormalizedEvent], issues: [DecodeIssue]) {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return decode(data: data, path: path)
    }

    /// Never throws: a document that is not an export is one issue; a message
    /// or part of the wrong shape is an issue naming its index, and the rest goes on.
    public static func decode(data: Data, path: String) -> (events: [NormalizedEvent], issues: [DecodeIssue]) {
        var issues: [DecodeIssue] = []
        func report(_ message: String) { issues.append(DecodeIssue(path: path, line: 0, message: message)) }

        guard let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            report("not a JSON object (expected `opencode export` output)")
            return ([], issues)
        }
        guard let session = root.object("info"), session.string("id") != nil else {
            report("export has no session `info` with an id")
            return ([], issues)
        }
        var decoder = OpenCodeSessionDecoder(path: path)
        var events = decoder.decode(session: session)
        guard let messages = root.array("messages") else {
            report("export has no `messages` array")
            return (events, issues)
        }
        for (index, item) in messages.enumerated() {
            guard let entry = item as? [String: Any], let info = entry.object("info"),
                  info.string("id") != nil, info.string("role") != nil else {
                report("messages[\(index)] has no info with id and role")
                continue
            }
            events += decoder.decode(message: info)
            for (partIndex, partItem) in (entry.array("parts") ?? []).enumerated() {
                guard let part = partItem as? [String: Any], part.string("id") != nil, part.string("type") != nil else {
                    report("messages[\(index)].parts[\(partIndex)] has no id and type")
                    continue
                }
                events += decoder.decode(part: part)
            }
        }
        events += decoder.decodeRevert(session: session)
        return (events, issues)
    }
}
