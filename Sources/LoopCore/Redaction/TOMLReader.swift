import Foundation

/// A minimal TOML reader for gitleaks rule files: tables, `key = value` pairs, strings
/// (basic, literal, and their multi-line forms), numbers, booleans and arrays of those.
/// Errors name the line, because these files are edited by hand.
public struct TOMLError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var description: String { "line \(line): \(message)" }
    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }
    static func at(_ line: Int, _ message: String) -> TOMLError { TOMLError(line: line, message: message) }
}

indirect enum TOMLValue: Equatable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case array([TOMLValue])

    func string(_ key: String, _ line: Int) throws -> String {
        guard case .string(let s) = self else { throw TOMLError.at(line, "\(key) must be a string") }
        return s
    }
    func strings(_ key: String, _ line: Int) throws -> [String] {
        guard case .array(let items) = self else { throw TOMLError.at(line, "\(key) must be an array of strings") }
        return try items.map { try $0.string(key, line) }
    }
    func number(_ key: String, _ line: Int) throws -> Double {
        guard case .number(let n) = self else { throw TOMLError.at(line, "\(key) must be a number") }
        return n
    }
}

struct TOMLReader {
    enum Item { case table(String, isArray: Bool, line: Int), pair(String, TOMLValue, line: Int) }

    private let chars: [Character]
    private var i = 0
    private var line = 1

    init(_ text: String) { chars = Array(text) }

    mutating func next() throws -> Item? {
        skipBlankAndComments()
        guard i < chars.count else { return nil }
        let start = line
        if chars[i] == "[" {
            let isArray = peek(1) == "["
            i += isArray ? 2 : 1
            var name = ""
            while i < chars.count, chars[i] != "]", chars[i] != "\n" { name.append(chars[i]); i += 1 }
            guard i < chars.count, chars[i] == "]" else { throw TOMLError.at(start, "unclosed table header") }
            i += 1
            if isArray {
                guard i < chars.count, chars[i] == "]" else { throw TOMLError.at(start, "expected ]] after [[\(name)") }
                i += 1
            }
            try endOfLine()
            return .table(name.trimmingCharacters(in: .whitespaces), isArray: isArray, line: start)
        }
        var key = ""
        while i < chars.count, chars[i] != "=", chars[i] != "\n" { key.append(chars[i]); i += 1 }
        key = key.trimmingCharacters(in: .whitespaces)
        if key.hasPrefix("\""), key.hasSuffix("\""), key.count >= 2 { key = String(key.dropFirst().dropLast()) }
        guard i < chars.count, chars[i] == "=", !key.isEmpty else { throw TOMLError.at(start, "expected key = value") }
        i += 1
        skipSpaces()
        let value = try readValue()
        try endOfLine()
        return .pair(key, value, line: start)
    }

    private func peek(_ k: Int) -> Character? { i + k < chars.count ? chars[i + k] : nil }

    private mutating func skipSpaces() { while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 } }

    private mutating func skipBlankAndComments() {
        while i < chars.count {
            let c = chars[i]
            if c == "\n" { line += 1; i += 1 }
            else if c == " " || c == "\t" || c == "\r" { i += 1 }
            else if c == "#" { while i < chars.count, chars[i] != "\n" { i += 1 } }
            else { break }
        }
    }

    private mutating func endOfLine() throws {
        skipSpaces()
        if i < chars.count, chars[i] == "#" { while i < chars.count, chars[i] != "\n" { i += 1 } }
        if i < chars.count, chars[i] == "\r" { i += 1 }
        guard i >= chars.count || chars[i] == "\n" else { throw TOMLError.at(line, "unexpected text after value: \(chars[i])") }
    }

    private mutating func readValue() throws -> TOMLValue {
        guard i < chars.count else { throw TOMLError.at(line, "missing value") }
        switch chars[i] {
        case "'": return .string(try readString(quote: "'", escapes: false))
        case "\"": return .string(try readString(quote: "\"", escapes: true))
        case "[": return try readArray()
        case "t", "f":
            let word = readBareWord()
            guard word == "true" || word == "false" else { throw TOMLError.at(line, "unknown value \(word)") }
            return .bool(word == "true")
        default:
            let word = readBareWord()
            guard let n = Double(word.replacingOccurrences(of: "_", with: "")) else { throw TOMLError.at(line, "unknown value \(word)") }
            return .number(n)
        }
    }

    private mutating func readBareWord() -> String {
        var word = ""
        while i < chars.count, ![" ", "\t", "\r", "\n", "\r\n", ",", "]", "#"].contains(chars[i]) { word.append(chars[i]); i += 1 }
        return word
    }

    private mutating func readArray() throws -> TOMLValue {
        let start = line
        i += 1
        var items: [TOMLValue] = []
        while true {
            skipBlankAndComments()
            guard i < chars.count else { throw TOMLError.at(start, "unclosed array") }
            if chars[i] == "]" { i += 1; return .array(items) }
            items.append(try readValue())
            skipBlankAndComments()
            guard i < chars.count else { throw TOMLError.at(start, "unclosed array") }
            if chars[i] == "," { i += 1 } else if chars[i] != "]" { throw TOMLError.at(line, "expected , or ] in array") }
        }
    }

    private mutating func readString(quote: Character, escapes: Bool) throws -> String {
        let start = line
        let multiline = peek(1) == quote && peek(2) == quote
        i += multiline ? 3 : 1
        if multiline, i < chars.count, chars[i] == "\n" { i += 1; line += 1 }
        var s = ""
        while i < chars.count {
            let c = chars[i]
            if c == quote {
                if !multiline { i += 1; return s }
                if peek(1) == quote, peek(2) == quote {
                    i += 3
                    // TOML allows up to two extra quotes right before the closing delimiter.
                    while i < chars.count, chars[i] == quote { s.append(quote); i += 1 }
                    return s
                }
            }
            if c == "\n" {
                guard multiline else { throw TOMLError.at(start, "unterminated string") }
                line += 1
            }
            if escapes, c == "\\" {
                i += 1
                guard i < chars.count else { break }
                switch chars[i] {
                case "n": s.append("\n")
                case "t": s.append("\t")
                case "r": s.append("\r")
                case "\"": s.append("\"")
                case "\\": s.append("\\")
                case "u", "U":
                    let width = chars[i] == "u" ? 4 : 8
                    let hex = String(chars[(i + 1)..<min(chars.count, i + 1 + width)])
                    guard let v = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(v) else {
                        throw TOMLError.at(line, "bad unicode escape \\\(chars[i])\(hex)")
                    }
                    s.unicodeScalars.append(scalar)
                    i += width
                default: throw TOMLError.at(line, "unknown escape \\\(chars[i])")
                }
                i += 1
                continue
            }
            s.append(c)
            i += 1
        }
        throw TOMLError.at(start, "unterminated string")
    }
}
