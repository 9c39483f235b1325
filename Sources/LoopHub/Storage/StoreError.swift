/// Store failures the operator must act on.
public enum StoreError: Error, CustomStringConvertible, Sendable {
    /// The database was migrated by a newer loophub; this one refuses to touch it.
    case newerSchema
    /// `--database` is neither a sqlite:, postgres: URL nor a path.
    case unsupportedURL(String)
    /// A stored row fails the checks every read makes (its body does not decode or
    /// disagrees with its indexed columns): the database was changed outside loophub.
    case tampered(table: String, id: String, reason: String)

    public var description: String {
        switch self {
        case .newerSchema: "the database schema is newer than this loophub; upgrade loophub"
        case .unsupportedURL(let url): "unsupported database URL \(url); use sqlite:///path or postgres://user@host/db"
        case .tampered(let table, let id, let reason):
            "TAMPERED ROW: \(table) row \(id.prefix(64)) \(reason); it was written outside loophub, refusing to serve it"
        }
    }
}
