/// Writing placeholders, and the follow-up passes that make redaction idempotent.
///
/// Replacing a value changes its neighbours' surroundings: in `AKIA…ABCDEFGbob@x.org`
/// the key is glued to the email and is not a word of its own, but once the email has
/// become `<email:1>` it is. A second call would then find more. So after the first
/// pass, the bytes around each placeholder are scanned again until nothing new turns
/// up; only those windows are rescanned, which keeps the cost small.
extension Redactor {
    /// Bytes of context rescanned on each side of a placeholder.
    static let rescanMargin = 96
    static let maxPasses = 4

    func redactToFixedPoint(
        _ text: String, _ firstFindings: [Finding], numbering: inout PlaceholderNumbering, counts: inout [String: Int]
    ) -> String {
        var (current, placed) = apply(firstFindings, to: text, numbering: &numbering, counts: &counts)
        var passes = 1
        while !placed.isEmpty, passes < Self.maxPasses {
            let more = findingsNear(placed, in: current)
            guard !more.isEmpty else { break }
            (current, placed) = apply(more, to: current, numbering: &numbering, counts: &counts)
            passes += 1
        }
        return current
    }

    /// Findings in windows around `placed` (byte ranges of placeholders in `text`).
    /// A finding touching a window's cut edge is ignored: it may be a fragment.
    func findingsNear(_ placed: [Range<Int>], in text: String) -> [Finding] {
        var text = text
        return text.withUTF8 { bytes in
            var windows: [Range<Int>] = []
            for r in placed {
                let w = Self.placeholderAligned(
                    max(0, r.lowerBound - Self.rescanMargin)..<min(bytes.count, r.upperBound + Self.rescanMargin), in: bytes)
                if let last = windows.last, w.lowerBound <= last.upperBound {
                    windows[windows.count - 1] = last.lowerBound..<max(last.upperBound, w.upperBound)
                } else {
                    windows.append(w)
                }
            }
            var result: [Finding] = []
            for w in windows {
                let scan = findings(in: UnsafeBufferPointer(rebasing: bytes[w]))
                for var f in scan.findings {
                    f.start += w.lowerBound
                    f.end += w.lowerBound
                    let cutBefore = w.lowerBound > 0 && f.start <= w.lowerBound
                    let cutAfter = w.upperBound < bytes.count && f.end >= w.upperBound
                    if !cutBefore && !cutAfter { result.append(f) }
                }
            }
            return result
        }
    }

    /// `window` widened so that it does not start or end inside a placeholder: a cut
    /// `ecret:aws> key …` would read as text, and its `secret` as a keyword.
    static func placeholderAligned(_ window: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        /// The `<` and the end of a placeholder-shaped `<type:…>` around `i`, if any
        /// (placeholder bytes only, so no allocation on this path).
        func enclosing(_ i: Int) -> (start: Int, end: Int)? {
            var open = bytes[i] == UInt8(ascii: ">") ? i - 1 : i
            while open >= 0, i - open < 48, bytes[open] != UInt8(ascii: "<") {
                guard Self.placeholderBody.contains(bytes[open]) else { return nil }
                open -= 1
            }
            guard open >= 0, bytes[open] == UInt8(ascii: "<") else { return nil }
            var close = open + 1
            while close < bytes.count, close - open < 48, bytes[close] != UInt8(ascii: ">") {
                guard Self.placeholderBody.contains(bytes[close]) else { return nil }
                close += 1
            }
            guard close < bytes.count, bytes[close] == UInt8(ascii: ">"), close >= i else { return nil }
            return (open, close + 1)
        }
        var lower = window.lowerBound
        var upper = window.upperBound
        if lower > 0, let p = enclosing(lower) { lower = p.start }
        if upper < bytes.count, let p = enclosing(upper) { upper = p.end }
        return lower..<upper
    }

    /// `[a-z0-9:-]`: what stands between a placeholder's `<` and `>`.
    static let placeholderBody = Charset(low: 0x07FF200000000000, high: 0x07FFFFFE00000000)

    /// Replaces `findings` (sorted, non-overlapping) and returns the new text with the
    /// byte ranges where placeholders now stand.
    func apply(
        _ findings: [Finding], to text: String, numbering: inout PlaceholderNumbering, counts: inout [String: Int]
    ) -> (String, [Range<Int>]) {
        guard !findings.isEmpty else { return (text, []) }
        var text = text
        return text.withUTF8 { bytes in
            var replacements: [String] = []
            replacements.reserveCapacity(findings.count)
            var length = bytes.count
            for f in findings {
                let replacement: String
                switch f.replacement {
                case .typed: replacement = Placeholder.text(type: f.type, number: nil)
                case .literal(let literal): replacement = literal
                case .numbered:
                    let value = UnsafeBufferPointer(rebasing: bytes[f.start..<f.end])
                    replacement = Placeholder.text(type: f.type, number: numbering.number(for: f.type, value: value))
                }
                length += replacement.utf8.count - (f.end - f.start)
                replacements.append(replacement)
                counts[f.type, default: 0] += 1
            }
            var placed: [Range<Int>] = []
            placed.reserveCapacity(findings.count)
            // Written straight into the new string's storage: one copy of the text, not two.
            let output = String(unsafeUninitializedCapacity: length) { out in
                var cursor = 0
                var written = 0
                func copy(_ source: UnsafeBufferPointer<UInt8>) {
                    guard let base = source.baseAddress, !source.isEmpty else { return }
                    (out.baseAddress! + written).update(from: base, count: source.count)
                    written += source.count
                }
                for (f, replacement) in zip(findings, replacements) {
                    copy(UnsafeBufferPointer(rebasing: bytes[cursor..<f.start]))
                    let start = written
                    var r = replacement
                    r.withUTF8 { copy($0) }
                    placed.append(start..<written)
                    cursor = f.end
                }
                copy(UnsafeBufferPointer(rebasing: bytes[cursor..<bytes.count]))
                return written
            }
            return (output, placed)
        }
    }
}
