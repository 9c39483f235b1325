extension TOMLReader {
    mutating func value() throws(TOMLError) -> TOMLValue {
        guard let c = current else { throw fail("expected a value") }
        switch c {
        case "\"", "'":
            return .string(try string())
        case "[":
            advance()
            var items: [TOMLValue] = []
            while true {
                skipBlank()
                if current == "]" { advance(); return .array(items) }
                items.append(try value())
                skipBlank()
                if current == "," { advance(); continue }
                if current == "]" { advance(); return .array(items) }
                throw fail("expected , or ] in an array")
            }
        case "{":
            throw fail("inline tables are not supported here; use a [table] section")
        case "t", "f":
            if match("true") { return .bool(true) }
            if match("false") { return .bool(false) }
            throw fail("expected true or false")
        default:
            return try number()
        }
    }

    mutating func match(_ word: String) -> Bool {
        let scalars = Array(word.unicodeScalars)
        guard i + scalars.count <= s.count, Array(s[i..<(i + scalars.count)]) == scalars else { return false }
        i += scalars.count
        return true
    }

    mutating func number() throws(TOMLError) -> TOMLValue {
        var text = ""
        while let c = current, !" \t\r\n,]#".unicodeScalars.contains(c) {
            if c != "_" { text.unicodeScalars.append(c) }
            advance()
        }
        if let integer = Int(text) { return .integer(integer) }
        if let float = Double(text) { return .float(float) }
        throw fail("expected a value (string, number, boolean or array), found '\(text)'")
    }

    mutating func string() throws(TOMLError) -> String {
        let quote = current!
        if i + 2 < s.count, s[i + 1] == quote, s[i + 2] == quote {
            return try multiLineString(quote)
        }
        return try singleLineString()
    }

    mutating func singleLineString() throws(TOMLError) -> String {
        let quote = current!
        advance()
        var out = ""
        while let c = current {
            if c == "\n" { break }
            advance()
            if c == quote { return out }
            if c == "\\" && quote == "\"" {
                out.unicodeScalars.append(try escape())
            } else {
                out.unicodeScalars.append(c)
            }
        }
        throw fail("unterminated string")
    }

    mutating func multiLineString(_ quote: Unicode.Scalar) throws(TOMLError) -> String {
        i += 3
        if current == "\n" { advance() }  // a newline right after the opening quotes is trimmed
        else if current == "\r", i + 1 < s.count, s[i + 1] == "\n" { i += 1; advance() }
        var out = ""
        while let c = current {
            if c == quote, i + 2 < s.count, s[i + 1] == quote, s[i + 2] == quote {
                i += 3
                while current == quote { out.unicodeScalars.append(quote); i += 1 }  // up to two quotes may end the body
                return out
            }
            advance()
            if c == "\\" && quote == "\"" {
                if let next = current, next == "\n" || next == " " || next == "\t" || next == "\r" {
                    skipBlank()  // line-ending backslash joins lines
                    continue
                }
                out.unicodeScalars.append(try escape())
            } else {
                out.unicodeScalars.append(c)
            }
        }
        throw fail("unterminated multi-line string")
    }

    mutating func escape() throws(TOMLError) -> Unicode.Scalar {
        guard let c = current else { throw fail("unterminated escape") }
        advance()
        switch c {
        case "n": return "\n"
        case "t": return "\t"
        case "r": return "\r"
        case "b": return "\u{08}"
        case "f": return "\u{0C}"
        case "\"": return "\""
        case "\\": return "\\"
        case "e": return "\u{1B}"
        case "u", "U":
            let count = c == "u" ? 4 : 8
            var hex = ""
            for _ in 0..<count {
                guard let h = current else { break }
                hex.unicodeScalars.append(h)
                advance()
            }
            guard let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) else {
                throw fail("invalid unicode escape \\\(c)\(hex)")
            }
            return scalar
        default:
            throw fail("invalid escape \\\(c) in a string (use a 'literal string' for regular expressions)")
        }
    }
}
