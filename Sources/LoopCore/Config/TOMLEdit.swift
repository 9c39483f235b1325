/// Sets one key in a TOML text by editing lines, so the user's comments, order
/// and formatting survive (loop never re-serializes a user's file).
public enum TOMLEdit {
    /// Sets `[section] key = "value"`: replaces the key's line when present,
    /// adds it at the end of the section when the section exists, or appends
    /// the section at the end of the file.
    public static func setString(_ text: String, section: String, key: String, value: String) -> String {
        set(text, section: section, key: key, literal: quoted(value))
    }

    /// Sets `[section] key = 42`, editing lines the same way as ``setString(_:section:key:value:)``.
    public static func setInteger(_ text: String, section: String, key: String, value: Int) -> String {
        set(text, section: section, key: key, literal: String(value))
    }

    /// Sets `[section] key = ["a", "b"]` on one line, editing lines the same way as ``setString(_:section:key:value:)``.
    public static func setStringArray(_ text: String, section: String, key: String, value: [String]) -> String {
        set(text, section: section, key: key, literal: "[" + value.map(quoted).joined(separator: ", ") + "]")
    }

    /// Replaces, inserts or appends `key = literal`; `literal` is already valid TOML.
    /// A multi-line value (an array over several lines) is replaced whole.
    static func set(_ text: String, section: String, key: String, literal: String) -> String {
        let assignment = "\(key) = \(literal)"
        var lines = text.isEmpty ? [] : text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        var current: String?
        var sectionEnd: Int?
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("[") {
                if current == section { sectionEnd = index }
                current = trimmed.trimmingCharacters(in: CharacterSet(charactersIn: "[] \t"))
                continue
            }
            if current == section, trimmed.hasPrefix(key), trimmed.dropFirst(key.count).trimmingCharacters(in: .whitespaces).hasPrefix("=") {
                // An array spread over several lines ends at the line that balances its brackets.
                var end = index
                var depth = bracketDepth(lines[index])
                while depth > 0 && end + 1 < lines.count {
                    end += 1
                    depth += bracketDepth(lines[end])
                }
                lines.replaceSubrange(index...end, with: [assignment])
                return lines.joined(separator: "\n") + "\n"
            }
        }
        if current == section { sectionEnd = lines.count }
        if let end = sectionEnd {
            // After the section's last non-blank line.
            var insertAt = end
            while insertAt > 0 && lines[insertAt - 1].trimmingCharacters(in: .whitespaces).isEmpty { insertAt -= 1 }
            lines.insert(assignment, at: insertAt)
        } else {
            if !lines.isEmpty && !(lines.last ?? "").isEmpty { lines.append("") }
            lines.append("[\(section)]")
            lines.append(assignment)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `[` minus `]` outside strings and comments on one line.
    static func bracketDepth(_ line: String) -> Int {
        var depth = 0
        var quote: Character?
        var escaped = false
        for character in line {
            if let open = quote {
                if escaped { escaped = false } else if character == "\\" && open == "\"" { escaped = true } else if character == open { quote = nil }
                continue
            }
            switch character {
            case "\"", "'": quote = character
            case "#": return depth
            case "[": depth += 1
            case "]": depth -= 1
            default: break
            }
        }
        return depth
    }

    /// A TOML basic string: quotes, backslashes, newlines and tabs escaped.
    public static func quoted(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

import Foundation
