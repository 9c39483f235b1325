/// Where a TOML document defines each key, in any spelling: `[a.b]`,
/// `[ a . "b" ]`, `[[a.b]]`, dotted keys `a.b.c = …`, keys under a header, and
/// the keys of inline tables `a = { b = { … } }`. Values are skipped, not
/// interpreted (dates, inline tables and everything else are accepted), so a
/// file can be checked for a key before a line-based edit adds it a second time.
public enum TOMLDefinitions {
    public struct Definition: Sendable, Hashable {
        /// The full key: header path plus the dotted key (plus inline-table keys).
        public var path: [String]
        /// 1-based line of the header or of the key.
        public var line: Int
        public var kind: Kind

        public enum Kind: Sendable, Hashable {
            /// `[path]` or `[[path]]`.
            case header
            /// `key = value`; `isInlineTable` when the value is `{ … }`.
            case key(isInlineTable: Bool)
        }
    }

    /// Every header and key in file order; throws (with the line) on text that
    /// is not TOML.
    public static func scan(_ text: String) throws(TOMLError) -> [Definition] {
        var reader = TOMLReader(Array(text.unicodeScalars))
        var definitions: [Definition] = []
        try reader.definitions(into: &definitions)
        return definitions
    }
}

extension TOMLReader {
    mutating func definitions(into definitions: inout [TOMLDefinitions.Definition]) throws(TOMLError) {
        var table: [String] = []
        while true {
            skipBlank()
            guard let c = current else { return }
            if c == "[" {
                advance()
                let isArray = current == "["
                if isArray { advance() }
                let headerLine = line
                table = try keyPath(until: "]")
                advance()
                if isArray {
                    guard current == "]" else { throw fail("expected ]] to close the array-of-tables name") }
                    advance()
                }
                try endOfLine()
                definitions.append(.init(path: table, line: headerLine, kind: .header))
                continue
            }
            try keyValue(under: table, into: &definitions)
            try endOfLine()
        }
    }

    /// `key = value` at the reader's position, its key recorded under `prefix`.
    mutating func keyValue(under prefix: [String], into definitions: inout [TOMLDefinitions.Definition]) throws(TOMLError) {
        let keyLine = line
        let path = prefix + (try keyPath(until: "="))
        advance()
        skipSpaces()
        let isInlineTable = current == "{"
        definitions.append(.init(path: path, line: keyLine, kind: .key(isInlineTable: isInlineTable)))
        try skipValue(path: path, into: &definitions)
    }

    /// Moves past one value, recording the keys of inline tables.
    mutating func skipValue(path: [String], into definitions: inout [TOMLDefinitions.Definition]) throws(TOMLError) {
        guard let c = current else { throw fail("expected a value") }
        switch c {
        case "\"", "'":
            _ = try string()
        case "[":
            advance()
            while true {
                skipBlank()
                if current == "]" { advance(); return }
                try skipValue(path: path, into: &definitions)
                skipBlank()
                if current == "," { advance(); continue }
                if current == "]" { advance(); return }
                throw fail("expected , or ] in an array")
            }
        case "{":
            advance()
            while true {
                skipBlank()
                if current == "}" { advance(); return }
                try keyValue(under: path, into: &definitions)
                skipBlank()
                if current == "," { advance(); continue }
                if current == "}" { advance(); return }
                throw fail("expected , or } in an inline table")
            }
        default:
            // A number, boolean or date (which may hold a space): up to a delimiter.
            var length = 0
            while let c = current, !",]}#\n".unicodeScalars.contains(c) { advance(); length += 1 }
            guard length > 0 else { throw fail("expected a value") }
        }
    }
}

extension TOMLDefinitions {
    /// Whether `key` can be written without quotes (A-Z a-z 0-9 _ -).
    public static func bareKey(_ key: String) -> Bool {
        !key.isEmpty && key.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-") }
    }
}
