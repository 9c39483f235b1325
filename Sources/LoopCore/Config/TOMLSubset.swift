/// A small TOML reader for loop's `config.toml` and gitleaks-format rule
/// files: tables, arrays of tables, dotted table names, bare and quoted keys,
/// basic/literal/multi-line strings, integers, floats, booleans and (nested,
/// multi-line) arrays. Dates and inline tables are not supported and are
/// reported as errors with their line. Read-only by design: loop never
/// rewrites a user's TOML file.
public enum TOMLSubset {
    public static func parse(_ text: String) throws(TOMLError) -> TOMLTable {
        var reader = TOMLReader(Array(text.unicodeScalars))
        return try reader.document()
    }
}

struct TOMLReader {
    let s: [Unicode.Scalar]
    var i = 0
    var line = 1

    init(_ scalars: [Unicode.Scalar]) { s = scalars }

    var current: Unicode.Scalar? { i < s.count ? s[i] : nil }

    func fail(_ message: String) -> TOMLError { TOMLError(line: line, message: message) }

    mutating func advance() {
        if current == "\n" { line += 1 }
        i += 1
    }

    mutating func skipSpaces() {
        while let c = current, c == " " || c == "\t" || c == "\r" { advance() }
    }

    /// Spaces, newlines and comments (inside arrays).
    mutating func skipBlank() {
        while let c = current {
            if c == " " || c == "\t" || c == "\r" || c == "\n" { advance() } else if c == "#" { skipComment() } else { break }
        }
    }

    mutating func skipComment() {
        while let c = current, c != "\n" { _ = c; advance() }
    }

    mutating func endOfLine() throws(TOMLError) {
        skipSpaces()
        if current == "#" { skipComment() }
        guard current == nil || current == "\n" else { throw fail("expected the end of the line after the value") }
    }

    // MARK: - Document

    mutating func document() throws(TOMLError) -> TOMLTable {
        var root = TOMLTable()
        var path: [String] = []
        var isArrayTable = false
        var section = TOMLTable()
        var sectionLine = 1
        func close(_ root: inout TOMLTable) throws(TOMLError) {
            guard !path.isEmpty else { root = section; return }
            try TOMLReader.insert(section, at: path, asArrayElement: isArrayTable, into: &root, line: sectionLine)
        }
        while true {
            skipBlank()
            guard let c = current else { break }
            if c == "[" {
                try close(&root)
                advance()
                isArrayTable = current == "["
                if isArrayTable { advance() }
                skipSpaces()
                path = try keyPath(until: "]")
                guard current == "]" else { throw fail("expected ] to close the table name") }
                advance()
                if isArrayTable {
                    guard current == "]" else { throw fail("expected ]] to close the array-of-tables name") }
                    advance()
                }
                try endOfLine()
                section = TOMLTable()
                sectionLine = line
                section.headerLine = line
                continue
            }
            let keyLine = line
            let keys = try keyPath(until: "=")
            guard current == "=" else { throw fail("expected = after the key \(keys.joined(separator: "."))") }
            advance()
            skipSpaces()
            let value = try self.value()
            try endOfLine()
            try TOMLReader.assign(value, at: keys, in: &section, line: keyLine)
        }
        try close(&root)
        return root
    }

    static func insert(_ table: TOMLTable, at path: [String], asArrayElement: Bool, into root: inout TOMLTable, line: Int) throws(TOMLError) {
        let key = path[0]
        if path.count == 1 {
            switch (root[key], asArrayElement) {
            case (nil, false): root.set(key, .table(table), line: line)
            case (nil, true): root.set(key, .tableArray([table]), line: line)
            case (.tableArray(var items)?, true):
                items.append(table)
                root.set(key, .tableArray(items), line: line)
            case (.table(var existing)?, false):
                for k in table.keys { existing.set(k, table[k]!, line: table.lines[k] ?? line) }
                root.set(key, .table(existing), line: line)
            default:
                throw TOMLError(line: line, message: "[\(key)] is defined twice with different kinds")
            }
            return
        }
        switch root[key] {
        case nil:
            var child = TOMLTable()
            try insert(table, at: Array(path.dropFirst()), asArrayElement: asArrayElement, into: &child, line: line)
            root.set(key, .table(child), line: line)
        case .table(var child)?:
            try insert(table, at: Array(path.dropFirst()), asArrayElement: asArrayElement, into: &child, line: line)
            root.set(key, .table(child), line: line)
        case .tableArray(var items)?:
            // [[rules.allowlists]] belongs to the last [[rules]].
            var last = items.removeLast()
            try insert(table, at: Array(path.dropFirst()), asArrayElement: asArrayElement, into: &last, line: line)
            items.append(last)
            root.set(key, .tableArray(items), line: line)
        default:
            throw TOMLError(line: line, message: "\(key) is a value, not a table")
        }
    }

    static func assign(_ value: TOMLValue, at keys: [String], in table: inout TOMLTable, line: Int) throws(TOMLError) {
        if keys.count == 1 {
            guard table[keys[0]] == nil else { throw TOMLError(line: line, message: "the key \(keys[0]) is defined twice") }
            table.set(keys[0], value, line: line)
            return
        }
        var child = table[keys[0]]?.table ?? TOMLTable()
        try assign(value, at: Array(keys.dropFirst()), in: &child, line: line)
        table.set(keys[0], .table(child), line: line)
    }

    /// `a.b."c d"` up to `terminator`.
    mutating func keyPath(until terminator: Unicode.Scalar) throws(TOMLError) -> [String] {
        var keys: [String] = []
        while true {
            skipSpaces()
            if current == "\"" || current == "'" {
                keys.append(try singleLineString())
            } else {
                var key = ""
                while let c = current, c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "_" || c == "-" {
                    key.unicodeScalars.append(c)
                    advance()
                }
                guard !key.isEmpty else { throw fail("expected a key") }
                keys.append(key)
            }
            skipSpaces()
            if current == "." { advance(); continue }
            if current == terminator { return keys }
            throw fail("unexpected character in a key; expected '.' or '\(terminator)'")
        }
    }
}
