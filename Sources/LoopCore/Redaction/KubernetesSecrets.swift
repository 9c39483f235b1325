/// Values in the `data:` of a Kubernetes `kind: Secret` are base64 secrets whatever their
/// key is called (`extra:`, `ca.pem:`), so the document, not the name, decides.
extension Scanner {
    /// Called for `name: value` pairs whose name is not a keyword. Cheap checks first:
    /// a YAML-style line (unquoted name at the start of its line) and a base64 value.
    mutating func scanKubernetesValue(name: Range<Int>, op: Int) -> Int? {
        guard bytes[op] == UInt8(ascii: ":"), startsLine(name.lowerBound) else { return nil }
        guard let (start, end, _) = assignedValue(after: op), end - start >= 8 else { return nil }
        if let known = scanKnownToken(start, tokenEnd: runEnd(from: start, .token)) { return known }
        var strong = false
        for k in start..<end {
            let c = bytes[k]
            guard Charset.base64.contains(c) else { return nil }
            if ByteClass.isDigit(c) || c == UInt8(ascii: "=") || c == UInt8(ascii: "+") || c == UInt8(ascii: "/") { strong = true }
        }
        guard strong, inKubernetesSecret(around: op) else { return nil }
        add(start, end, "secret:kubernetes")
        return end
    }

    /// Only spaces or tabs between the previous newline (or `.`, for `.dockercfg`) and `i`.
    func startsLine(_ i: Int) -> Bool {
        var j = i - 1
        if byte(j) == UInt8(ascii: ".") { j -= 1 }
        while j >= 0 {
            let c = bytes[j]
            if c == UInt8(ascii: "\n") { return true }
            guard c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") else { return false }
            j -= 1
        }
        return true
    }

    /// `kind: Secret` (any quoting or case) within 2 KB either side.
    func inKubernetesSecret(around i: Int) -> Bool {
        let lower = max(0, i - 2048), upper = min(count, i + 2048)
        var j = lower
        while j < upper - 5 {
            if ByteClass.lowercased(bytes[j]) == UInt8(ascii: "k"), matches("kind:", at: j, caseInsensitive: true) {
                var k = j + 5
                while k < upper, bytes[k] == UInt8(ascii: " ") || bytes[k] == UInt8(ascii: "'") || bytes[k] == UInt8(ascii: "\"") { k += 1 }
                if matches("secret", at: k, caseInsensitive: true), !ByteClass.isAlnum(byte(k + 6)) { return true }
            }
            j += 1
        }
        return false
    }
}
