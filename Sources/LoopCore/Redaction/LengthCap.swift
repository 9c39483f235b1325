/// Caps applied after redaction: a cut never lands inside a placeholder, so a
/// truncated lesson never shows half of `<secret:github>`.
enum LengthCap {
    static let marker = "…"

    static func apply(_ text: String, maxLength: Int) -> String {
        guard maxLength > 0 else { return "" }
        guard text.count > maxLength else { return text }
        var kept = String(text.prefix(maxLength - 1))
        // Drop a placeholder that the cut opened but did not close.
        if let open = kept.lastIndex(of: "<"), !kept[open...].contains(">") {
            let tail = kept[open...]
            if tail.dropFirst().allSatisfy({ $0.isLetter || $0.isNumber || $0 == ":" || $0 == "-" }) {
                kept = String(kept[..<open])
            }
        }
        return kept + marker
    }
}
