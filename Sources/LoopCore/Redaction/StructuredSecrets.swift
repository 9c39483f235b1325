/// Secrets recognised by their surroundings: key blocks, auth headers, credentialed URLs.
extension Scanner {
    /// `-----BEGIN … PRIVATE KEY-----` up to its END line, or to the end of the base64
    /// body when the block was cut off.
    mutating func scanDash(_ i: Int) -> Int {
        if matches("-u", at: i), byte(i + 2) == UInt8(ascii: " ") || byte(i + 2) == UInt8(ascii: "'") || byte(i + 2) == UInt8(ascii: "\"") {
            return scanCurlUser(i + 2) ?? i + 2
        }
        if matches("--user", at: i), byte(i + 6) == UInt8(ascii: " ") || byte(i + 6) == UInt8(ascii: "=") {
            return scanCurlUser(i + 6) ?? i + 6
        }
        if byte(i + 1) == UInt8(ascii: "p") || byte(i + 2) == UInt8(ascii: "p"), let end = scanMySQLPassword(i) { return end }
        guard matches("-----BEGIN", at: i) else { return i + 1 }
        var j = i + 10
        let headerLimit = min(count, j + 60)
        var isPrivate = false
        while j < headerLimit, bytes[j] != UInt8(ascii: "\n") {
            if matches("PRIVATE KEY", at: j) { isPrivate = true }
            if j > i + 10, matches("-----", at: j) { j += 5; break }
            j += 1
        }
        guard isPrivate else { return j }
        if let end = wholeKeyBlock(from: i, bodyStart: j) {
            add(i, end, "secret:private-key")
            return end
        }
        var end = j
        var k = j
        var bodyEnd = -1
        while k < count {
            if matches("-----END", at: k) {
                bodyEnd = k
                end = k + 8
                while end < count, bytes[end] != UInt8(ascii: "\n"), !matches("-----", at: end) { end += 1 }
                end = min(count, end + (matches("-----", at: end) ? 5 : 0))
                break
            }
            guard Charset.pemBody.contains(bytes[k]) else { break }
            k += 1
            end = k
        }
        // A key has hundreds of base64 bytes; `-----BEGIN PRIVATE KEY-----\nanything` is prose.
        var bodyBytes = 0
        for k in j..<(bodyEnd >= 0 ? bodyEnd : end) where ByteClass.isAlnum(bytes[k]) { bodyBytes += 1 }
        guard bodyBytes >= 40 else { return end }
        add(i, end, "secret:private-key")
        return end
    }

    /// BEGIN to END, whatever the body holds (escaped newlines, an encrypted key's
    /// `Proc-Type:` headers, a body that is not base64 at all); nil when no END line
    /// follows within 64 KB or the body is too short to be a key.
    func wholeKeyBlock(from begin: Int, bodyStart: Int) -> Int? {
        let limit = min(count, bodyStart + 65_536)
        var k = bodyStart
        var bodyBytes = 0
        while k < limit {
            let c = bytes[k]
            if c == UInt8(ascii: "-"), matches("-----END", at: k) {
                guard bodyBytes >= 16 else { return nil }
                var end = k + 8
                while end < count, end - k < 80, bytes[end] != UInt8(ascii: "\n"), !matches("-----", at: end) { end += 1 }
                return min(count, end + (matches("-----", at: end) ? 5 : 0))
            }
            // A second BEGIN means this block was never closed.
            if c == UInt8(ascii: "-"), matches("-----BEGIN", at: k) { return nil }
            if !ByteClass.isSpace(c) { bodyBytes += 1 }
            k += 1
        }
        return nil
    }

    /// `Authorization: Basic|Bearer|Token <credential>`, a bare `Bearer <token>`, and
    /// `curl -u|--user user:password`.
    mutating func scanHeader(_ i: Int) -> Int? {
        let b = ByteClass.lowercased(bytes[i])
        if b == UInt8(ascii: "b") || b == UInt8(ascii: "t") || b == UInt8(ascii: "d") || b == UInt8(ascii: "a") {
            if let end = scanAuthScheme(i) { return end }
        }
        return nil
    }

    /// `Basic <base64>`, `Bearer <token>`, `Token <token>`, `Digest …` after a header name
    /// or on its own; the scheme word stays so the lesson still reads.
    mutating func scanAuthScheme(_ i: Int) -> Int? {
        let schemeEnd: Int
        if matches("basic ", at: i, caseInsensitive: true) { schemeEnd = i + 6 }
        else if matches("bearer ", at: i, caseInsensitive: true) { schemeEnd = i + 7 }
        else if matches("token ", at: i, caseInsensitive: true) { schemeEnd = i + 6 }
        else if matches("digest ", at: i, caseInsensitive: true) { schemeEnd = i + 7 }
        else if matches("api-token ", at: i, caseInsensitive: true) { schemeEnd = i + 10 }
        else { return nil }
        // Only a header context or a capitalised scheme counts: "a token is" is prose.
        let inHeader = lineContains("authorization", before: i, within: 40)
        guard inHeader || ByteClass.isAlnum(bytes[i]) && bytes[i] < 0x5B else { return nil }
        var start = schemeEnd
        while ByteClass.isSpace(byte(start)), byte(start) != UInt8(ascii: "\n") { start += 1 }
        let end = runEnd(from: start, Charset.headerCredential)
        guard end - start >= 8, !isVariableReference(start, end) else { return nil }
        if !inHeader, shannonEntropy(bytes, start..<end) < 3.0 { return nil }
        add(start, end, "secret:auth-header")
        return end
    }

    mutating func scanCurlUser(_ afterFlag: Int) -> Int? {
        var start = afterFlag
        while byte(start) == UInt8(ascii: " ") || byte(start) == UInt8(ascii: "=") { start += 1 }
        var quote: UInt8 = 0
        if byte(start) == UInt8(ascii: "'") || byte(start) == UInt8(ascii: "\"") { quote = byte(start); start += 1 }
        var end = start
        var colon = -1
        while end < count {
            let c = bytes[end]
            // `"{id}":"{secret}"`: a quoted user, a colon, a quoted password.
            if quote != 0, c == quote, byte(end + 1) == UInt8(ascii: ":"), byte(end + 2) == quote { colon = end + 1; end += 3; continue }
            // `kevin:'p4ss'`: a quoted password after an unquoted user.
            if quote == 0, c == UInt8(ascii: "'") || c == UInt8(ascii: "\""), end == colon + 1 {
                var close = end + 1
                while close < count, bytes[close] != c, bytes[close] != UInt8(ascii: "\n") { close += 1 }
                end = min(count, close + 1)
                break
            }
            if quote != 0 ? c == quote || c == UInt8(ascii: "\n") : ByteClass.isSpace(c) || c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") { break }
            if c == UInt8(ascii: ":"), colon < 0 { colon = end }
            end += 1
        }
        // `<user:password>` is a template, and `<secret:basic-auth>` an earlier redaction.
        guard colon >= start, end - start >= 4, byte(start) != UInt8(ascii: "$"), byte(start) != UInt8(ascii: "<") else { return nil }
        // Judge the password, or the user part when the password is empty (`"token:"`).
        let secretPart = colon + 1 < end ? (colon + 1)..<end : start..<colon
        guard !isTemplateCredential(secretPart.lowerBound, secretPart.upperBound) else { return nil }
        add(start, end, "secret:basic-auth")
        return end
    }

    /// `$PASS`, `${{ env.X }}`, `{{ .Values.x }}`, `[PASSWORD]`, `<password>`, `$(cat f)`, `pass`, `xxx`: a
    /// stand-in for a password, not one.
    func isTemplateCredential(_ start: Int, _ end: Int) -> Bool {
        guard start < end else { return true }
        for k in start..<end {
            let c = bytes[k]
            if c == UInt8(ascii: "$") || c == UInt8(ascii: "[") || c == UInt8(ascii: "<")
                || (c == UInt8(ascii: "{") && byte(k + 1) == UInt8(ascii: "{")) {
                return true
            }
        }
        if isPlaceholderWord(start, end) { return true }
        let n = end - start
        for word in ["password", "pass", "passwd", "token", "secret", "pwd", "yyy", "test"] as [StaticString]
            where word.utf8CodeUnitCount == n && matches(word, at: start, caseInsensitive: true) {
            return true
        }
        return false
    }

    /// Whether `needle` (lower case) appears on the same line in the `within` bytes before `i`.
    func lineContains(_ needle: StaticString, before i: Int, within: Int) -> Bool {
        var j = i - 1
        let stop = max(0, i - within)
        let first = needle.utf8Start[0]
        while j >= stop, bytes[j] != UInt8(ascii: "\n") {
            if ByteClass.lowercased(bytes[j]) == first, matches(needle, at: j, caseInsensitive: true) { return true }
            j -= 1
        }
        return false
    }

    /// `$VAR`, `${VAR}`, `%s`, `{{ x }}`, `<...>`: references, not values.
    func isVariableReference(_ start: Int, _ end: Int) -> Bool {
        let c = byte(start)
        return c == UInt8(ascii: "$") || c == UInt8(ascii: "%") || c == UInt8(ascii: "{") || c == UInt8(ascii: "<")
    }

    /// `scheme://user:password@host` (URLs, connection strings): the user info goes.
    mutating func scanURLCredentials(_ colon: Int) -> Int? {
        guard matches("://", at: colon) else { return nil }
        let start = colon + 3
        var j = start
        var at = -1
        var hasColon = false
        var firstColon = -1
        var fragmentOrQuery = -1
        var atBeforeFragment = -1
        while j < count, j - start < 256 {
            let c = bytes[j]
            if c == UInt8(ascii: "@") { at = j; if fragmentOrQuery < 0 { atBeforeFragment = j } }
            if c == UInt8(ascii: ":"), fragmentOrQuery < 0 { hasColon = true; if firstColon < 0 { firstColon = j } }
            if c == UInt8(ascii: "/") || ByteClass.isSpace(c) || c == UInt8(ascii: "\"") || c == UInt8(ascii: "'")
                || c == UInt8(ascii: "<") || c == UInt8(ascii: ">") { break }
            if c == UInt8(ascii: "?") || c == UInt8(ascii: "#"), fragmentOrQuery < 0 {
                // Before any `:` it ends the authority (`host#frag`), as it does after a port.
                if firstColon < 0 { break }
                fragmentOrQuery = j
            }
            j += 1
        }
        // `u:p@ss#w@host`: after `user:` an unencoded `#` or `?` belongs to the password,
        // so the user info runs to the last `@`; after a port (`host:8080#a@b`) it does not.
        if fragmentOrQuery >= 0, (firstColon + 1..<fragmentOrQuery).allSatisfy({ ByteClass.isDigit(bytes[$0]) }) {
            at = atBeforeFragment
        }
        guard at > start, hasColon || at - start >= 20 else { return start }
        // `user:$PASSWORD@` is a template; the variable is not a secret.
        if let c = (start..<at).first(where: { bytes[$0] == UInt8(ascii: ":") }), isVariableReference(c + 1, at) { return start }
        add(start, at, "secret:url-credentials")
        return at + 1
    }
}
