import Foundation
import LoopCore

/// What `loopctl analyze` may be given for OpenCode, told apart by content:
/// a database file (`opencode.db`), a storage folder (`storage/`, or the data
/// dir holding it), or an `opencode export` JSON file.
public enum OpenCodeInput: Sendable, Hashable {
    case database(path: String)
    case storage(directory: String)
    case export(path: String)

    /// nil when the path is none of the three.
    public static func detect(path: String) -> OpenCodeInput? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue {
            let nested = (path as NSString).appendingPathComponent("storage")
            for candidate in [path, nested] where isStorage(candidate) { return .storage(directory: candidate) }
            return nil
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 16)) ?? Data()
        if head == Data("SQLite format 3\0".utf8) { return .database(path: path) }
        if head.first(where: { !" \n\r\t".utf8.contains($0) }) == UInt8(ascii: "{") { return .export(path: path) }
        return nil
    }

    /// A folder with OpenCode's `session/` and `message/` subfolders.
    static func isStorage(_ directory: String) -> Bool {
        ["session", "message"].allSatisfy {
            var isDirectory: ObjCBool = false
            let sub = (directory as NSString).appendingPathComponent($0)
            return FileManager.default.fileExists(atPath: sub, isDirectory: &isDirectory) && isDirectory.boolValue
        }
    }

    /// Decodes the whole input at once (for `loopctl analyze`).
    public func decodeAll() throws -> (events: [NormalizedEvent], issues: [DecodeIssue]) {
        switch self {
        case .database(let path):
            let reader = try OpenCodeDatabaseReader(path: path)
            let events = try reader.readNew(after: nil).events
            return (events, reader.issues)
        case .storage(let directory):
            return OpenCodeStorageReader.decode(storageDirectory: directory)
        case .export(let path):
            return try OpenCodeExport.decodeFile(at: path)
        }
    }
}
