/// `password = "…"`, `"apiKey": "…"`, `HEROKU_KEY=…`, `<add key="Password" value="…"/>`:
/// a value is a secret when the identifier names one and the value looks like one.
/// This is gitleaks' generic rule and its keyword-gated provider rules in one matcher.
extension Scanner {
    /// `width` is 3 for a URL-encoded `=` (`%3D`).
    mutating func scanAssignment(_ op: Int, width: Int = 1) -> Int {
        if bytes[op] == UInt8(ascii: ":"), let end = scanURLCredentials(op) { return end }
        // Comparisons are not assignments: `==`, `!=`, `<=`, `>=`.
        if bytes[op] == UInt8(ascii: "=") {
            let before = byte(op - 1)
            if before == UInt8(ascii: "=") || before == UInt8(ascii: "!") || before == UInt8(ascii: "<")
                || before == UInt8(ascii: ">") || byte(op + 1) == UInt8(ascii: "=") { return op + 1 }
        }
        // The name is short and usually not a keyword (`"type":`), so it is judged first;
        // the value may be a long quoted text.
        guard let name = identifier(before: op) else { return op + 1 }
        // Colon chains (`arn:aws:sns:…`, `org.slf4j:slf4j-api:jar`) are names, not assignments.
        if bytes[op] == UInt8(ascii: ":"), byte(name.lowerBound - 1) == UInt8(ascii: ":") { return op + 1 }
        guard let keyword = classify(name) else {
            return width == 1 ? scanKubernetesValue(name: name, op: op) ?? op + 1 : op + 1
        }
        guard let (valueStart, valueEnd, quoted) = assignedValue(after: op + width - 1) else { return op + 1 }
        if let end = scanKnownToken(valueStart, tokenEnd: runEnd(from: valueStart, .token)) { return end }
        guard looksSecret(valueStart, valueEnd, quoted: quoted, keyword) else { return op + 1 }
        // A value on the next line must look like one: `Set the password:⏎Then run …` is prose.
        if !quoted, hasLineBreak(op, valueStart), !hasDigitOrSymbol(valueStart, valueEnd) { return op + 1 }
        let type: String
        switch keyword {
        case .password: type = "secret:password"
        case .generic:
            let afterScheme = matches("basic ", at: valueStart - 6, caseInsensitive: true) || matches("bearer ", at: valueStart - 7, caseInsensitive: true)
            type = afterScheme ? "secret:auth-header" : "secret:generic"
        case .provider(let name): type = "secret:" + name
        }
        add(valueStart, valueEnd, type)
        return valueEnd
    }

    /// The identifier left of the operator, skipping quotes and spaces (`"key" :`).
    func identifier(before op: Int) -> Range<Int>? {
        var end = op
        var skipped = 0
        while end > 0, skipped < 24 {
            let c = bytes[end - 1]
            guard c == UInt8(ascii: " ") || c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") || c == UInt8(ascii: ":")
                || c == UInt8(ascii: "?") || c == UInt8(ascii: "+")
                || c == UInt8(ascii: "\t") else { break }
            end -= 1
            skipped += 1
        }
        var start = end
        while start > 0, end - start < 80 {
            let c = bytes[start - 1]
            guard ByteClass.isWordByte(c) || c == UInt8(ascii: ".") else { break }
            start -= 1
        }
        // `\npassword=`: the `n` belongs to the escape, not to the name.
        if start > 0, bytes[start - 1] == UInt8(ascii: "\\") { start = max(start, min(end, escapeEnd(start - 1))) }
        return start < end ? start..<end : nil
    }

    mutating func classify(_ name: Range<Int>) -> KeywordClass? {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for k in name { h = (h ^ UInt64(bytes[k])) &* 0x100_0000_01b3 }
        if plainNames.isEmpty { plainNames = [UInt64](repeating: 0, count: 512) }
        let slot = Int(truncatingIfNeeded: h >> 55)
        if plainNames[slot] == h { return nil }
        let found = classifyUncached(name)
        // `value` depends on the `key="…"` before it, so it is never cached.
        if found == nil, !(name.count == 5 && matches("value", at: name.lowerBound, caseInsensitive: true)) { plainNames[slot] = h }
        return found
    }

    mutating func classifyUncached(_ name: Range<Int>) -> KeywordClass? {
        // NuGet and similar XML: `<add key="ClearTextPassword" value="…" />`.
        if name.count == 5, matches("value", at: name.lowerBound, caseInsensitive: true),
           let key = quotedAttribute("key=\"", before: name.lowerBound) {
            return AssignmentKeywords.classify(bytes, key)
        }
        return AssignmentKeywords.classify(bytes, name)
    }

    func quotedAttribute(_ attribute: StaticString, before i: Int) -> Range<Int>? {
        var j = i - 1
        while j >= 0, i - j < 120, bytes[j] != UInt8(ascii: "\n") {
            if matches(attribute, at: j, caseInsensitive: true) {
                let start = j + attribute.utf8CodeUnitCount
                var end = start
                while end < i, bytes[end] != UInt8(ascii: "\"") { end += 1 }
                return start..<end
            }
            j -= 1
        }
        return nil
    }

    /// The value right of the operator: quoted up to its closing quote, else up to a delimiter.
    func assignedValue(after op: Int) -> (Int, Int, Bool)? {
        var start = op + 1
        while byte(start) == UInt8(ascii: ">") || byte(start) == UInt8(ascii: "=") || byte(start) == UInt8(ascii: ":") { start += 1 }
        var quote: UInt8 = 0
        var skipped = 0
        var lineBreaks = 0
        while start < count, skipped < 6 {
            let c = bytes[start]
            if c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") { start += 1; skipped += 1; continue }
            // `password =⏎ value`: the value may start the next line (once, with its indentation).
            if lineBreaks == 0, bytes[op] == UInt8(ascii: "=") || bytes[op] == UInt8(ascii: ":"), c == UInt8(ascii: "\n") || (c == UInt8(ascii: "\r") && byte(start + 1) == UInt8(ascii: "\n")) {
                start += c == UInt8(ascii: "\r") ? 2 : 1
                lineBreaks = 1
                skipped = 0
                continue
            }
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") || c == UInt8(ascii: "`") {
                quote = c
                start += 1
                // JSON-in-a-string: `\"secret\": \"value\"`.
                break
            }
            if c == UInt8(ascii: "\\"), byte(start + 1) == UInt8(ascii: "\"") { quote = UInt8(ascii: "\""); start += 2; break }
            break
        }
        // Skip `Basic `/`Bearer ` so the credential after the scheme is what is judged.
        if matches("basic ", at: start, caseInsensitive: true) { start += 6 }
        else if matches("bearer ", at: start, caseInsensitive: true) { start += 7 }
        var end = start
        while end < count {
            let c = bytes[end]
            if quote != 0 {
                if c == quote || c == UInt8(ascii: "\n") || (c == UInt8(ascii: "\\") && byte(end + 1) == UInt8(ascii: "\"")) { break }
            } else if ByteClass.isSpace(c) || c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") || c == UInt8(ascii: ";")
                        || c == UInt8(ascii: ",") || c == UInt8(ascii: ")") || c == UInt8(ascii: "]") || c == UInt8(ascii: "}")
                        || c == UInt8(ascii: "<") || c == UInt8(ascii: ">") || c == UInt8(ascii: "(") || c == UInt8(ascii: "`")
                        || c == UInt8(ascii: "\\") {
                break
            }
            end += 1
        }
        // A trailing `.` ends a sentence, not a secret.
        while end > start, quote == 0, bytes[end - 1] == UInt8(ascii: ".") { end -= 1 }
        guard end - start >= 4 else { return nil }
        // A call or member access (`password = getPassword()`) is code, not a value.
        if quote == 0, byte(end) == UInt8(ascii: "(") { return nil }
        // On the next line, a name of its own (`password:⏎  secretKeyRef:`, `- item`) is the
        // start of a nested block, not the value.
        if lineBreaks > 0, quote == 0, isNestedKey(start, end) { return nil }
        return (start, end, quote != 0)
    }

    func hasLineBreak(_ start: Int, _ end: Int) -> Bool {
        for k in start..<end where bytes[k] == UInt8(ascii: "\n") { return true }
        return false
    }

    func hasDigitOrSymbol(_ start: Int, _ end: Int) -> Bool {
        for k in start..<end where !ByteClass.isLetter(bytes[k]) { return true }
        return false
    }

    func isNestedKey(_ start: Int, _ end: Int) -> Bool {
        if bytes[start] == UInt8(ascii: "-") || bytes[end - 1] == UInt8(ascii: ":") { return true }
        var j = end
        while byte(j) == UInt8(ascii: " ") || byte(j) == UInt8(ascii: "\t") { j += 1 }
        let after = byte(j)
        if after == UInt8(ascii: ":") || after == UInt8(ascii: "=") || after == UInt8(ascii: "{") { return true }
        for k in start..<end where bytes[k] == UInt8(ascii: ":") || bytes[k] == UInt8(ascii: "=") { return true }
        return false
    }

    func looksSecret(_ start: Int, _ end: Int, quoted: Bool, _ keyword: KeywordClass) -> Bool {
        if isVariableReference(start, end) { return false }
        var digits = 0, lowers = 0, uppers = 0, symbols = 0, spaces = 0
        var allSame = true
        for i in start..<end {
            let c = bytes[i]
            if c != bytes[start] { allSame = false }
            if ByteClass.isDigit(c) { digits += 1 }
            else if c &- 97 < 26 { lowers += 1 }
            else if c &- 65 < 26 { uppers += 1 }
            else if c == UInt8(ascii: " ") { spaces += 1 }
            // `<secret:aws>` inside a value: an earlier redaction, or markup.
            else if c == UInt8(ascii: "<") || c == UInt8(ascii: ">") { return false }
            else { symbols += 1 }
        }
        let length = end - start
        if allSame { return false }
        // A quoted pass phrase (`password = "correct horse battery staple"`) is a secret;
        // a quoted message (`"Enter your password."`) is not.
        if spaces > 0 {
            guard keyword == .password, quoted, !isMessage(start, end) else { return false }
            return length >= 8
        }
        if matches("://", at: start + max(0, runEnd(from: start, .letters) - start)) { return false }
        if bytes[start] == UInt8(ascii: "/") || bytes[start] == UInt8(ascii: "~") { return false }
        if isPlaceholderWord(start, end) { return false }
        switch keyword {
        case .password:
            // Unquoted bare words are usually variables (`password = password`).
            if !quoted && digits == 0 && symbols == 0 && (uppers == 0 || lowers == 0) { return false }
            return length >= 4
        case .generic, .provider:
            guard length >= 8 else { return false }
            let mixedCase = uppers > 0 && lowers > 0
            if case .provider = keyword, digits > 0 || mixedCase || symbols > 0 {
                return shannonEntropy(bytes, start..<end) >= 2.5
            }
            // Without digits, only long values with symbols pass: `ClearTextPassword` is a name,
            // and so is `my-secrets-manager-secret` (lower case words and separators).
            if digits == 0 && !(length >= 20 && symbols > 0 && uppers > 0) { return false }
            // Dotted names (`com.example.app`, `1.2.3`) and words_with_underscores are not random.
            if digits > 0 && lowers + uppers == 0 && symbols > 0 && length < 16 { return false }
            return shannonEntropy(bytes, start..<end) >= (length >= 20 ? 3.0 : 2.5)
        }
    }

    /// A UI or error text: it names the password, ends like a sentence, or formats values.
    func isMessage(_ start: Int, _ end: Int) -> Bool {
        let last = bytes[end - 1]
        if last == UInt8(ascii: ".") || last == UInt8(ascii: "!") || last == UInt8(ascii: "?") || last == UInt8(ascii: ":") { return true }
        for k in start..<end {
            let c = ByteClass.lowercased(bytes[k])
            if c == UInt8(ascii: "%") || c == UInt8(ascii: "{") || c == UInt8(ascii: "$") { return true }
            if c == UInt8(ascii: "p"), matches("passw", at: k, caseInsensitive: true) || matches("passphrase", at: k, caseInsensitive: true) { return true }
            if c == UInt8(ascii: "y"), matches("your ", at: k, caseInsensitive: true) { return true }
            if c == UInt8(ascii: "e"), matches("enter ", at: k, caseInsensitive: true) { return true }
        }
        return false
    }

    /// `changeme`, `xxxx`, `your-api-key`, `<redacted>`: stand-ins, not secrets.
    func isPlaceholderWord(_ start: Int, _ end: Int) -> Bool {
        let lowerFirst = ByteClass.lowercased(bytes[start])
        if lowerFirst == UInt8(ascii: "x") || lowerFirst == UInt8(ascii: "*") {
            var j = start
            while j < end, ByteClass.lowercased(bytes[j]) == lowerFirst { j += 1 }
            if j - start >= 4 { return true }
        }
        // `ENC[AES256_GCM,…]` is a SOPS-encrypted value: ciphertext, safe to share.
        if matches("enc[", at: start, caseInsensitive: true) { return true }
        for word in ["true", "false", "null", "none", "nil", "undefined", "redacted", "your", "example", "placeholder", "dummy", "changeme"] {
            let w = Array(word.utf8)
            if end - start >= w.count, (0..<w.count).allSatisfy({ ByteClass.lowercased(bytes[start + $0]) == w[$0] }) {
                if w.count == end - start || word == "your" || word == "redacted" || word == "placeholder" { return true }
            }
        }
        return false
    }
}
