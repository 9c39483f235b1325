/// An artifact-name pattern granted to an author token: `*` any run of
/// characters, `?` one character, everything else literal. Turned into a SQL
/// LIKE pattern (with `\` escapes) so both databases filter before paginating.
public struct ArtifactGlob: Sendable, Hashable {
    public var pattern: String
    public init(_ pattern: String) { self.pattern = pattern }

    /// The LIKE pattern; use with `ESCAPE '\'` and case-sensitive LIKE.
    public var likePattern: String {
        var result = ""
        for character in pattern {
            switch character {
            case "*": result += "%"
            case "?": result += "_"
            case "%", "_", "\\": result += "\\\(character)"
            default: result.append(character)
            }
        }
        return result
    }

    public func matches(_ name: String) -> Bool {
        Self.match(Array(pattern), Array(name))
    }

    private static func match(_ pattern: [Character], _ name: [Character]) -> Bool {
        // Iterative wildcard match with single backtrack point: linear in practice.
        var p = 0, n = 0, star = -1, mark = 0
        while n < name.count {
            if p < pattern.count && (pattern[p] == "?" || pattern[p] == name[n]) {
                p += 1; n += 1
            } else if p < pattern.count && pattern[p] == "*" {
                star = p; mark = n; p += 1
            } else if star >= 0 {
                p = star + 1; mark += 1; n = mark
            } else {
                return false
            }
        }
        while p < pattern.count && pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
