import Foundation
import LoopCore

/// Reads OpenCode's JSON layout (up to 1.1.x; 1.2+ migrates it into the
/// database and leaves the files behind):
/// `storage/session/<projectID>/<sessionID>.json`,
/// `storage/message/<sessionID>/<messageID>.json`,
/// `storage/part/<messageID>/<partID>.json`.
///
/// OpenCode rewrites these files in place as a message streams, so there is no
/// offset to tail: `read()` rescans and the per-session decoders (kept between
/// calls) emit only what they have not emitted before.
/// Not thread-safe: use it from one task at a time.
public final class OpenCodeStorageReader {
    public let storageDirectory: String
    /// Files that could not be decoded, oldest first (each reported once).
    public private(set) var issues: [DecodeIssue] = []

    private var decoders: [String: OpenCodeSessionDecoder] = [:]
    private var reported: Set<String> = []
    private let files = FileManager.default

    public init(storageDirectory: String) {
        self.storageDirectory = storageDirectory
    }

    /// Decodes a whole storage folder once.
    public static func decode(storageDirectory: String) -> (events: [NormalizedEvent], issues: [DecodeIssue]) {
        let reader = OpenCodeStorageReader(storageDirectory: storageDirectory)
        let events = reader.read()
        return (events, reader.issues)
    }

    /// Events not emitted by an earlier call, grouped by session (oldest first),
    /// each session's messages by creation time, each message's parts by id.
    public func read() -> [NormalizedEvent] {
        let sessions = subfolders("session").flatMap { objects(in: $0) }
            .sorted { Self.created($0) < Self.created($1) }
        var events: [NormalizedEvent] = []
        for session in sessions {
            guard let sessionID = session.string("id") else { continue }
            var decoder = decoders[sessionID] ?? OpenCodeSessionDecoder(path: storageDirectory)
            events += decoder.decode(session: session)
            let messages = objects(in: folder("message", sessionID)).sorted { Self.created($0) < Self.created($1) }
            for message in messages {
                guard let messageID = message.string("id") else { continue }
                events += decoder.decode(message: message)
                let parts = objects(in: folder("part", messageID)).sorted { ($0.string("id") ?? "") < ($1.string("id") ?? "") }
                for part in parts { events += decoder.decode(part: part) }
            }
            events += decoder.decodeRevert(session: session)
            decoders[sessionID] = decoder
        }
        return events
    }

    // MARK: - Files

    private func folder(_ kind: String, _ id: String) -> String {
        ((storageDirectory as NSString).appendingPathComponent(kind) as NSString).appendingPathComponent(id)
    }

    private func subfolders(_ kind: String) -> [String] {
        let root = (storageDirectory as NSString).appendingPathComponent(kind)
        let names = (try? files.contentsOfDirectory(atPath: root)) ?? []
        return names.sorted().map { (root as NSString).appendingPathComponent($0) }
    }

    /// The `.json` objects in a folder; unreadable files become issues. The id
    /// is taken from the file name when the object lacks it.
    private func objects(in directory: String) -> [[String: Any]] {
        let names = ((try? files.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        return names.compactMap { name in
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = files.contents(atPath: path),
                  var object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
                // A file being rewritten can be empty for a moment; report it once.
                if reported.insert(path).inserted {
                    issues.append(DecodeIssue(path: path, line: 0, message: "not a JSON object"))
                }
                return nil
            }
            if object["id"] == nil { object["id"] = String(name.dropLast(".json".count)) }
            return object
        }
    }

    private static func created(_ object: [String: Any]) -> (Int64, String) {
        let time = (object.object("time")?["created"] as? NSNumber)?.int64Value ?? 0
        return (time, object.string("id") ?? "")
    }
}
