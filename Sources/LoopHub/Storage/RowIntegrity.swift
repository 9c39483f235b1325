import Foundation
public import LoopCore

/// The checks every read makes on a stored row before the hub serves it. loophub
/// only writes rows that pass them, so a failure means someone wrote the database
/// directly; it becomes `StoreError.tampered`, which the routes log loudly.
public enum RowIntegrity {
    /// A lessons row: the body decodes, and its id and artifact agree with the
    /// indexed columns (author scope filters on `artifact_name`).
    public static func lesson(id: String, artifactName: String, body: String, receivedAt: Int64, tokenID: String,
                              source: String, origin: String?) throws -> StoredLesson {
        func tampered(_ reason: String) -> StoreError { .tampered(table: "lessons", id: id, reason: reason) }
        guard let lesson = try? JSONDecoder().decode(Lesson.self, from: Data(body.utf8)) else {
            throw tampered("has a body that is not a v1 lesson")
        }
        guard lesson.id == id else { throw tampered("has a body with another id") }
        guard lesson.artifact.name == artifactName else { throw tampered("has a body for another artifact") }
        guard let source = IngestSource(rawValue: source) else { throw tampered("has an unknown source") }
        return StoredLesson(lesson: lesson, body: body, receivedAt: Date(millisecondsSince1970: receivedAt),
                            tokenID: tokenID, source: source, origin: origin)
    }

    public static func quarantineEntry(id: String, receivedAt: Int64, tokenID: String, source: String, rules: String,
                                       body: String, artifactName: String) throws -> QuarantineEntry {
        func tampered(_ reason: String) -> StoreError { .tampered(table: "quarantine", id: id, reason: reason) }
        guard let rules = try? JSONDecoder().decode([String].self, from: Data(rules.utf8)) else {
            throw tampered("has rules that are not a JSON array of names")
        }
        guard let source = IngestSource(rawValue: source) else { throw tampered("has an unknown source") }
        return QuarantineEntry(id: id, receivedAt: Date(millisecondsSince1970: receivedAt), tokenID: tokenID,
                               source: source, rules: rules, redactedBody: body, artifactName: artifactName)
    }

    public static func token(id: String, email: String, role: String, artifacts: String, salt: [UInt8], hash: [UInt8],
                             createdAt: Int64, expiresAt: Int64?, revokedAt: Int64?) throws -> TokenRecord {
        func tampered(_ reason: String) -> StoreError { .tampered(table: "tokens", id: id, reason: reason) }
        guard let role = Role(rawValue: role) else { throw tampered("has an unknown role") }
        guard let artifacts = try? JSONDecoder().decode([String].self, from: Data(artifacts.utf8)) else {
            throw tampered("has artifacts that are not a JSON array of globs")
        }
        guard salt.count == 16, hash.count == 32 else { throw tampered("has a malformed salt or hash") }
        return TokenRecord(id: id, email: email, role: role, artifacts: artifacts, salt: salt, hash: hash,
                           createdAt: Date(millisecondsSince1970: createdAt),
                           expiresAt: expiresAt.map(Date.init(millisecondsSince1970:)),
                           revokedAt: revokedAt.map(Date.init(millisecondsSince1970:)))
    }
}
