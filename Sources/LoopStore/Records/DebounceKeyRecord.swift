import Foundation
import GRDB
import LoopCore

/// One row of `debounceKey`: gate 4's memory of "this artifact already has a
/// candidate in this session", which must survive restarts and compaction.
struct DebounceKeyRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "debounceKey"

    /// `DebounceKey.description`, the documented persisted form.
    var key: String
    var harness: Harness
    var sessionID: String
    var artifactKind: ArtifactKind
    var artifactName: String
    var artifactSourcePath: String?
    var lessonID: String
    var createdAt: Date

    enum Columns {
        static let key = Column(CodingKeys.key)
        static let lessonID = Column(CodingKeys.lessonID)
        static let createdAt = Column(CodingKeys.createdAt)
    }

    init(_ debounceKey: DebounceKey, lessonID: String, at date: Date) {
        key = debounceKey.description
        harness = debounceKey.harness
        sessionID = debounceKey.sessionID
        artifactKind = debounceKey.artifact.kind
        artifactName = debounceKey.artifact.name
        artifactSourcePath = debounceKey.artifact.sourcePath
        self.lessonID = lessonID
        createdAt = date
    }

    var stored: StoredDebounceKey {
        StoredDebounceKey(
            key: DebounceKey(
                harness: harness, sessionID: sessionID,
                artifact: ArtifactRef(kind: artifactKind, name: artifactName, sourcePath: artifactSourcePath)),
            lessonID: lessonID, createdAt: createdAt)
    }
}

/// A persisted de-bounce key and the lesson later evidence is folded into.
public struct StoredDebounceKey: Sendable, Hashable {
    public var key: DebounceKey
    public var lessonID: String
    public var createdAt: Date

    public init(key: DebounceKey, lessonID: String, createdAt: Date) {
        self.key = key
        self.lessonID = lessonID
        self.createdAt = createdAt
    }
}
