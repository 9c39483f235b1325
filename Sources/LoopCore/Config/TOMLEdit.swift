/// Sets one key in a TOML text by editing lines, so the user's comments, order
/// and formatting survive (loop never re-serializes a user's file).
public enum TOMLEdit {
    /// Sets `[section] key = "value"`: replaces the key's line when present,
    /// adds it at the end of the section when the section exists, or appends
    /// the section at the end of the file.
    public static func setString(_ text: String, section: String, key: String, value: String) -> String {
        let assignment = "\(key) = \(quoted(value))"
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
                lines[index] = assignment
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

    static func quoted(_ value: String) -> String {
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
