/// The single pass over UTF-8 bytes. Most bytes cost one table lookup; only anchors
/// (word starts, `@`, `:`, `=`, `%3D`, `/`, `~`, `-----`, JSON escapes) run a local matcher, so the whole
/// rule set costs about one pass instead of one regex pass per rule.
struct Scanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let identity: IdentityMatcher
    var findings: [Finding] = []
    /// Highest placeholder number already present per type, so new numbers never collide.
    var existingNumbers: [String: Int] = [:]
    /// Copied once per scan so the hot path does not re-check lazy globals.
    let knownRules = KnownTokenRules.sorted
    let knownRuleIndex = KnownTokenRules.firstIndex
    /// Hashes of names seen not to be keywords (`type`, `uuid`, `content`): transcripts
    /// repeat a few JSON keys millions of times, so most lookups end here.
    /// Allocated on first use, so scanning a short text or a rescan window costs nothing.
    var plainNames: [UInt64] = []
    let wordBits = WordTable.bits
    /// User names seen in home paths (`/home/jdoe/…`); the redactor then looks for them
    /// everywhere else in the same texts.
    var learnedUserNames: [[UInt8]] = []
    /// Decoded base64 is scanned with a nested scanner, which must not decode again.
    var decodesBase64 = true

    init(bytes: UnsafeBufferPointer<UInt8>, identity: IdentityMatcher) {
        self.bytes = bytes
        self.identity = identity
    }

    var count: Int { bytes.count }

    @inline(__always) func byte(_ i: Int) -> UInt8 { i >= 0 && i < bytes.count ? bytes[i] : 0 }

    mutating func add(_ start: Int, _ end: Int, _ type: String, _ replacement: Finding.Replacement = .typed) {
        guard start < end else { return }
        findings.append(Finding(start: start, end: end, type: type, replacement: replacement))
    }

    /// True when `literal` occurs at `i`; with `caseInsensitive`, the literal is written in
    /// lower case and the text may be in any case.
    @inline(__always) func matches(_ literal: StaticString, at i: Int, caseInsensitive: Bool = false) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard i >= 0, i + n <= bytes.count else { return false }
        let p = literal.utf8Start
        for k in 0..<n {
            let b = caseInsensitive ? ByteClass.lowercased(bytes[i + k]) : bytes[i + k]
            if b != p[k] { return false }
        }
        return true
    }

    /// End of the run of `charset` bytes starting at `i`.
    @inline(__always) func runEnd(from i: Int, _ charset: Charset, limit: Int = Int.max) -> Int {
        var j = i
        let stop = min(bytes.count, i &+ min(limit, bytes.count))
        while j < stop, charset.contains(bytes[j]) { j += 1 }
        return j
    }

    /// End of the run of bytes whose `WordTable` bits include `bits`.
    @inline(__always) func runEnd(from i: Int, bits: UInt8) -> Int {
        var j = i
        let n = bytes.count
        while j < n, wordBits[Int(bytes[j])] & bits != 0 { j += 1 }
        return j
    }

    mutating func scan() {
        let n = bytes.count
        var i = 0
        var previous: UInt8 = 0x20
        while i < n {
            let b = bytes[i]
            let atWordStart = !ByteClass.isWordByte(previous) && previous != UInt8(ascii: ".")
            var next = i + 1
            var escapeBoundary = false
            if ByteClass.isAlnum(b) {
                if atWordStart {
                    next = max(next, scanWordStart(i))
                }
            } else {
                switch b {
                case UInt8(ascii: "<"): next = max(next, skipPlaceholder(i))
                case UInt8(ascii: "@"): scanAt(i)
                case UInt8(ascii: ":"), UInt8(ascii: "="): next = max(next, scanAssignment(i))
                case UInt8(ascii: "%"):
                    // `password%3Dhunter2`: a URL-encoded `=`.
                    if matches("%3d", at: i, caseInsensitive: true) { next = max(next, scanAssignment(i, width: 3)) }
                case UInt8(ascii: "\\"):
                    // `\nghp_…` in raw JSON: what follows an escape starts a word of its own.
                    let end = escapeEnd(i)
                    if end > i + 1 { next = end; escapeBoundary = true }
                case UInt8(ascii: ","):
                    // `getenv("api_token", "value")`: a quoted name, a comma, a quoted value.
                    if previous == UInt8(ascii: "\"") || previous == UInt8(ascii: "'") { next = max(next, scanAssignment(i)) }
                case UInt8(ascii: "/"), UInt8(ascii: "~"):
                    if atWordStart || previous == UInt8(ascii: "=") || previous == UInt8(ascii: ":") {
                        next = max(next, scanPath(i))
                    }
                    if b == UInt8(ascii: "~") { scanAzureSecret(i) }
                case UInt8(ascii: "-"):
                    if atWordStart { next = max(next, scanDash(i)) }
                case UInt8(ascii: "+"), UInt8(ascii: "("):
                    if atWordStart, ByteClass.isDigit(byte(i + 1)) { next = max(next, scanPhone(i)) }
                default: break
                }
            }
            // A placeholder counts as a word, so text glued to it is judged the same way on
            // every pass (that is what makes redaction idempotent).
            previous = escapeBoundary ? 0x20 : (b == UInt8(ascii: "<") && next > i + 1 ? UInt8(ascii: "a") : bytes[next - 1])
            i = next
        }
    }

    /// End of a JSON escape at `i` that separates words (`\n`, `\t`, `\r`, `\b`, `\f`,
    /// `\uXXXX`), or `i + 1` when there is none.
    func escapeEnd(_ i: Int) -> Int {
        switch byte(i + 1) {
        case UInt8(ascii: "n"), UInt8(ascii: "t"), UInt8(ascii: "r"), UInt8(ascii: "b"), UInt8(ascii: "f"): return i + 2
        case UInt8(ascii: "u"):
            for k in 2...5 where !ByteClass.isHex(byte(i + k)) { return i + 1 }
            return i + 6
        default: return i + 1
        }
    }

    /// Placeholders from an earlier pass are left alone, which makes redaction idempotent.
    mutating func skipPlaceholder(_ i: Int) -> Int {
        guard let (end, type, number) = Placeholder.parse(bytes, at: i) else { return i + 1 }
        if let number { existingNumbers[type] = max(existingNumbers[type] ?? 0, number) }
        return end
    }

    /// A word start: known-format tokens, JWTs, IPs, cards, phones, identity words.
    mutating func scanWordStart(_ i: Int) -> Int {
        var next = i + 1
        // Every known-format token is at least 8 bytes of word, dot, `~` or `$`
        // characters, so the many short words of prose skip those matchers.
        let alnumEnd = runEnd(from: i, bits: WordTable.alnum)
        let tokenEnd = runEnd(from: alnumEnd, bits: WordTable.token)
        let wordEnd = runEnd(from: tokenEnd, bits: WordTable.wordish)
        if wordEnd - i >= 8 {
            if let end = scanKnownToken(i, tokenEnd: tokenEnd) { return end }
            // Only a word with a separator (`prd-ghp_…`) can hold a glued token.
            if alnumEnd < wordEnd, let end = scanGluedToken(i, from: alnumEnd + 1, wordEnd: wordEnd) { return end }
            if wordEnd - i >= 16 || Self.base64Symbols.contains(byte(tokenEnd)), let end = scanLongRun(i, alnumEnd: alnumEnd) { return end }
        }
        let b = bytes[i]
        if ByteClass.isDigit(b) {
            if let end = scanIPv4(i) { return end }
            if let end = scanCard(i) { return end }
            // Without a `+` or `(`, a phone starts with a three-digit group (`555-123-4567`).
            if runEnd(from: i, Charset.digits, limit: 4) - i == 3 {
                let phoneEnd = scanPhone(i)
                if phoneEnd > i + 1 { return phoneEnd }
            }
        }
        if ByteClass.isHex(b), byte(runEnd(from: i, Charset.hex, limit: 5)) == UInt8(ascii: ":"), let end = scanIPv6(i) { return end }
        if (5...9).contains(wordEnd - i), byte(wordEnd) == UInt8(ascii: " "), let end = scanHeader(i) { next = max(next, end) }
        if wordEnd - i == 2, let end = scanProsePassword(i) { return end }
        if identity.hasDomains || (identity.firstBytes.contains(b) && identity.secondBytes.contains(byte(i + 1))),
           let end = identity.match(bytes, at: i, into: &findings) {
            next = max(next, end)
        }
        // The rest of a plain word holds no anchor (`~`, `.`, `@`, `:` end the run), so skip it.
        return max(next, tokenEnd)
    }
}
