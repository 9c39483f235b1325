/// Decides whether a spreadsheet could read a CSV cell as a formula.
///
/// Spreadsheets skip leading whitespace and control characters before looking for
/// `=`, and a combining mark after `=` makes a different Swift `Character`, so the
/// check runs on Unicode scalars: skip whitespace, controls, format characters
/// (zero-width space, BOM) and combining marks, then look at the first scalar left.
enum CSVFormulaGuard {
    static let triggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}"]

    static func looksLikeFormula(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        // A leading tab or carriage return is neutralised on its own (OWASP's list).
        if first == "\t" || first == "\r" { return true }
        for scalar in text.unicodeScalars where !isSkipped(scalar) {
            return triggers.contains(scalar)
        }
        return false
    }

    static func isSkipped(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.properties.isWhitespace { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }
}
