import Foundation

/// Shapes of pasted tool output — errors, stack traces, failing tests — that
/// look the same whatever language the user writes in.
public enum PastedOutput {
    /// Tokens that compilers, runtimes, test runners and shells print.
    static let errorTokens = [
        "traceback (most recent call last)", "error:", "error[", "errors:", "exception:", "exception in thread",
        "panic:", "fatal:", "failed:", "failed with", "tests failed", "test failed", "build failed", "assertionerror",
        "assertion failed", "npm err!", "segmentation fault", "exit code", "exit status", "undefined reference",
        "no such file or directory", "command not found", "permission denied", "errno", "stack trace",
        "uncaught", "cannot find module", "syntaxerror", "typeerror", "referenceerror", "nameerror", "valueerror",
        "keyerror", "nullpointerexception", "xctassert", "xctunwrap", "✗", "✘", "❌",
    ]

    /// The evidence of a pasted error or test output in `text`, if there is one.
    public static func error(in text: String) -> String? {
        let lowered = text.lowercased()
        if let token = errorTokens.first(where: { lowered.contains($0) }) {
            return "\"\(token)\""
        }
        if let frame = stackFrame(in: text) { return frame }
        return nil
    }

    /// A `file.ext:12` / `file.ext:12:5` location or an `at f (file:line)` frame.
    static func stackFrame(in text: String) -> String? {
        for line in text.split(separator: "\n") {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix("at "), trimmed.contains("("), trimmed.contains(":") { return "a stack frame" }
            if hasSourceLocation(trimmed) { return "a source location" }
        }
        return nil
    }

    /// `name.ext:digits` somewhere in the line.
    static func hasSourceLocation(_ line: Substring) -> Bool {
        let scalars = Array(line.unicodeScalars)
        var index = 0
        while index < scalars.count {
            guard scalars[index] == ":" else { index += 1; continue }
            var digits = index + 1
            while digits < scalars.count, ("0"..."9").contains(scalars[digits]) { digits += 1 }
            if digits > index + 1 {
                // Walk back over the extension and require a dot and a name before it.
                var back = index - 1
                while back >= 0, scalars[back].properties.isAlphabetic { back -= 1 }
                if back >= 1, back < index - 1, scalars[back] == ".", scalars[back - 1].properties.isAlphabetic || ("0"..."9").contains(scalars[back - 1]) {
                    return true
                }
            }
            index += 1
        }
        return false
    }
}
