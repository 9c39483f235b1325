/// A value bound to a SQL placeholder; both stores translate these to their driver's type.
public enum SQLValue: Sendable, Hashable {
    case text(String)
    case integer(Int64)
}

/// Builds the WHERE clause of a lesson query once for both databases. Only the
/// placeholder syntax and the glob operator differ; values are always bound,
/// never spliced into the SQL.
public struct LessonFilterSQL: Sendable {
    public enum Dialect: Sendable {
        /// `?` placeholders; GLOB (case-sensitive) for artifact globs.
        case sqlite
        /// `$n` placeholders; LIKE … ESCAPE '\' (case-sensitive in PostgreSQL).
        case postgres
    }

    public private(set) var conditions: [String] = []
    public private(set) var values: [SQLValue] = []
    let dialect: Dialect

    public init(_ query: LessonQuery, dialect: Dialect) {
        self.dialect = dialect
        if let artifact = query.artifact { add("artifact_name = \(placeholder(.text(artifact)))") }
        if let kind = query.kind { add("artifact_kind = \(placeholder(.text(kind.rawValue)))") }
        if let harness = query.harness { add("harness = \(placeholder(.text(harness)))") }
        if let signal = query.signal { add("signal = \(placeholder(.text(signal.rawValue)))") }
        if let category = query.category { add("category = \(placeholder(.text(category.rawValue)))") }
        if let severity = query.severity { add("severity = \(placeholder(.text(severity.rawValue)))") }
        if let since = query.since { add("received_at >= \(placeholder(.integer(since.millisecondsSince1970)))") }
        if let until = query.until { add("received_at < \(placeholder(.integer(until.millisecondsSince1970)))") }
        if let after = query.after { addAfter(after) }
        if let scope = query.scope { addScope(scope) }
    }

    /// A filter with only a scope, for artifact counts.
    public init(scope: [ArtifactGlob]?, dialect: Dialect) {
        self.dialect = dialect
        if let scope { addScope(scope) }
    }

    /// Only rows after the cursor, in (received_at, id) order.
    public init(after: PageCursor?, dialect: Dialect) {
        self.dialect = dialect
        if let after { addAfter(after) }
    }

    /// `WHERE …` or an empty string.
    public var whereClause: String {
        conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
    }

    /// The next placeholder, for a LIMIT after the filter.
    public mutating func placeholder(_ value: SQLValue) -> String {
        values.append(value)
        switch dialect {
        case .sqlite: return "?"
        case .postgres: return "$\(values.count)"
        }
    }

    private mutating func add(_ condition: String) { conditions.append(condition) }

    private mutating func addAfter(_ after: PageCursor) {
        let millis = placeholder(.integer(after.receivedAtMillis))
        let millisAgain = placeholder(.integer(after.receivedAtMillis))
        let id = placeholder(.text(after.id))
        add("(received_at > \(millis) OR (received_at = \(millisAgain) AND id > \(id)))")
    }

    private mutating func addScope(_ scope: [ArtifactGlob]) {
        // No globs: the token may read nothing.
        guard !scope.isEmpty else { return add("1 = 0") }
        var alternatives: [String] = []
        for glob in scope {
            switch dialect {
            case .sqlite:
                let pattern = glob.pattern.replacingOccurrences(of: "[", with: "[[]")
                alternatives.append("artifact_name GLOB \(placeholder(.text(pattern)))")
            case .postgres:
                alternatives.append("artifact_name LIKE \(placeholder(.text(glob.likePattern))) ESCAPE '\\'")
            }
        }
        add("(" + alternatives.joined(separator: " OR ") + ")")
    }
}
