/// Matchers for known-format secrets that start at a word boundary.
extension Scanner {
    /// `tokenEnd` is the end of the `[A-Za-z0-9_-]` run at `i`; the shape matchers use
    /// the byte there to decide cheaply whether they can apply.
    mutating func scanKnownToken(_ i: Int, tokenEnd: Int) -> Int? {
        if let end = scanKnownPrefix(i) { return end }
        let first = bytes[i]
        let stop = byte(tokenEnd)
        let length = tokenEnd - i
        switch first {
        case UInt8(ascii: "A"): if let end = scanAWSKey(i) ?? scanArtifactory(i) ?? scanTwilio(i) { return end }
        case UInt8(ascii: "S"): if let end = scanTwilio(i) ?? scanSendGrid(i) { return end }
        case UInt8(ascii: "e"): return scanJWT(i)
        case UInt8(ascii: "E"): return scanFacebookToken(i)
        default:
            if ByteClass.isDigit(first) {
                if stop == UInt8(ascii: ":"), let end = scanTelegram(i) { return end }
                if stop == UInt8(ascii: "|") || stop == UInt8(ascii: "%"), let end = scanFacebookPair(i) { return end }
            }
            if length >= 36, ByteClass.isHex(first), let end = scanMailchimp(i) { return end }
        }
        return stop == UInt8(ascii: ".") ? scanDottedToken(i) : nil
    }

    /// The prefix rules of `KnownTokenRules` at `i`.
    mutating func scanKnownPrefix(_ i: Int) -> Int? {
        let first = bytes[i]
        for k in knownRuleIndex[Int(first)]..<knownRuleIndex[Int(first) + 1] {
            let rule = knownRules[k]
            guard hasPrefix(rule.prefix, at: i) else { continue }
            let bodyStart = i + rule.prefix.utf8CodeUnitCount
            let end = runEnd(from: bodyStart, rule.body)
            let length = end - bodyStart
            guard length >= rule.minBody, length <= rule.maxBody, !ByteClass.isAlnum(byte(end)),
                  shannonEntropy(bytes, bodyStart..<end) >= KnownTokenRule.minimumEntropy,
                  !rule.mixedCase || hasMixedCase(bodyStart, end) else { continue }
            add(i, end, rule.type)
            return end
        }
        return nil
    }

    /// A known token glued to a word by `-`, `_` or `.` (`prd-ghp_…`, `x.AKIA…`,
    /// `skill-sk-proj-…`): each part after a separator is tried against the prefix
    /// rules and the AWS key shape (the other shapes are too loose inside a word).
    mutating func scanGluedToken(_ i: Int, from first: Int, wordEnd: Int) -> Int? {
        var k = first
        while k + 8 <= wordEnd {
            let c = bytes[k - 1]
            if c == UInt8(ascii: "-") || c == UInt8(ascii: "_") || c == UInt8(ascii: "."), ByteClass.isAlnum(bytes[k]) {
                let before = findings.count
                if let end = scanKnownPrefix(k) ?? (bytes[k] == UInt8(ascii: "A") ? scanAWSKey(k) : nil) {
                    if isGluedTokenPlausible(k, end) { return end }
                    // `video_box.ico-<hash>.png`, `2018-xoxo-indieweb-1.jpg`: a file name, not a token.
                    findings.removeSubrange(before...)
                }
            }
            k += 1
        }
        return nil
    }

    /// Inside a word the prefix alone proves little, so the match must also be long
    /// (20+), mix letters and digits, look random and not end in a file extension.
    func isGluedTokenPlausible(_ start: Int, _ end: Int) -> Bool {
        guard end - start >= 20 else { return false }
        if byte(end) == UInt8(ascii: "."), ByteClass.isLetter(byte(end + 1)) { return false }
        var digits = false, letters = false
        for k in start..<end {
            if ByteClass.isDigit(bytes[k]) { digits = true } else if ByteClass.isLetter(bytes[k]) { letters = true }
        }
        return digits && letters && shannonEntropy(bytes, start..<end) >= 3.0
    }

    func hasMixedCase(_ start: Int, _ end: Int) -> Bool {
        var upper = false, lower = false
        for k in start..<end {
            let c = bytes[k]
            if c &- 65 < 26 { upper = true } else if c &- 97 < 26 { lower = true }
        }
        return upper && lower
    }

    @inline(__always) func hasPrefix(_ prefix: StaticString, at i: Int) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard i + n <= count else { return false }
        let p = prefix.utf8Start
        for k in 1..<n where bytes[i + k] != p[k] { return false }
        return true
    }

    /// `AKIA…`, `ASIA…`: 20 upper-case letters and digits. The documentation's `…EXAMPLE`
    /// keys are redacted too: a lesson gains nothing from them, and a real key may end so.
    mutating func scanAWSKey(_ i: Int) -> Int? {
        guard matches("AKIA", at: i) || matches("ASIA", at: i) || matches("ABIA", at: i)
            || matches("ACCA", at: i) || matches("A3T", at: i) else { return nil }
        let end = runEnd(from: i, .upperAlnum)
        guard end - i == 20, !ByteClass.isAlnum(byte(end)) else { return nil }
        add(i, end, "secret:aws")
        return end
    }

    /// Artifactory API keys (`AKC…`, `AP[0-9A-F]…`) as detect-secrets defines them.
    mutating func scanArtifactory(_ i: Int) -> Int? {
        let isAKC = matches("AKC", at: i)
        let isAP = matches("AP", at: i) && (ByteClass.isDigit(byte(i + 2)) || (byte(i + 2) &- 65) < 6)
        guard isAKC || isAP else { return nil }
        let end = runEnd(from: i + 3, .alnum)
        let minBody = isAKC ? 10 : 8
        guard end - i - 3 >= minBody, end == count || ByteClass.isSpace(byte(end)) || byte(end) == UInt8(ascii: "\"")
        else { return nil }
        add(i, end, "secret:artifactory")
        return end
    }

    /// Twilio `AC…`/`SK…` followed by exactly 32 lower-case letters or digits.
    mutating func scanTwilio(_ i: Int) -> Int? {
        guard matches("AC", at: i) || matches("SK", at: i) else { return nil }
        let end = runEnd(from: i + 2, .lowerAlnum)
        guard end - i - 2 == 32, !ByteClass.isAlnum(byte(end)) else { return nil }
        add(i, end, "secret:twilio")
        return end
    }

    /// `SG.<22>.<43>`.
    mutating func scanSendGrid(_ i: Int) -> Int? {
        guard matches("SG.", at: i) else { return nil }
        let mid = runEnd(from: i + 3, .token)
        guard mid - i - 3 == 22, byte(mid) == UInt8(ascii: ".") else { return nil }
        let end = runEnd(from: mid + 1, .token)
        guard end - mid - 1 == 43 else { return nil }
        add(i, end, "secret:sendgrid")
        return end
    }

    /// JWTs (`eyJ…​.eyJ…[.sig]`) and bare base64 JSON blobs (`eyJ…`, e.g. docker configs).
    mutating func scanJWT(_ i: Int) -> Int? {
        guard matches("eyJ", at: i) else { return nil }
        var end = runEnd(from: i, .base64URL)
        var segments = 1
        while byte(end) == UInt8(ascii: "."), ByteClass.isAlnum(byte(end + 1)) || byte(end + 1) == UInt8(ascii: "_") {
            end = runEnd(from: end + 1, .base64URL)
            segments += 1
        }
        // A single segment is only a secret when long enough to hold credentials.
        if segments == 1 {
            end = runEnd(from: i, .base64)
            guard end - i >= 36 else { return nil }
        } else if end - i < 24 {
            return nil
        }
        add(i, end, "secret:jwt")
        return end
    }

    /// Facebook access tokens: `EAA` + long alphanumeric body.
    mutating func scanFacebookToken(_ i: Int) -> Int? {
        guard matches("EAA", at: i) else { return nil }
        let end = runEnd(from: i + 3, .alnum)
        guard end - i - 3 >= 40, !ByteClass.isAlnum(byte(end)) else { return nil }
        add(i, end, "secret:facebook")
        return end
    }

    /// Facebook app tokens: `<15–16 digit app id>|<secret>`.
    mutating func scanFacebookPair(_ i: Int) -> Int? {
        let digitsEnd = runEnd(from: i, Charset.digits)
        guard (15...16).contains(digitsEnd - i) else { return nil }
        let separator = byte(digitsEnd) == UInt8(ascii: "|") ? 1 : (matches("%7C", at: digitsEnd, caseInsensitive: true) ? 3 : 0)
        guard separator > 0 else { return nil }
        let end = runEnd(from: digitsEnd + separator, .token)
        guard (27...40).contains(end - digitsEnd - separator) else { return nil }
        add(i, end, "secret:facebook")
        return end
    }

    /// Telegram bot tokens: `123456789:AA…`.
    mutating func scanTelegram(_ i: Int) -> Int? {
        let digitsEnd = runEnd(from: i, Charset.digits)
        guard (8...10).contains(digitsEnd - i), matches(":AA", at: digitsEnd) else { return nil }
        let end = runEnd(from: digitsEnd + 3, .token)
        guard (34...36).contains(end - digitsEnd - 1) else { return nil }
        add(i, end, "secret:telegram")
        return end
    }

    /// Mailchimp: 32 lower-case hex digits, `-us`, a data-centre number.
    mutating func scanMailchimp(_ i: Int) -> Int? {
        let hexEnd = runEnd(from: i, .lowerHex, limit: 33)
        guard hexEnd - i == 32, matches("-us", at: hexEnd), ByteClass.isDigit(byte(hexEnd + 3)) else { return nil }
        let end = runEnd(from: hexEnd + 3, Charset.digits)
        add(i, end, "secret:mailchimp")
        return end
    }

    /// Dotted token shapes: Discord bot tokens (`<24>.<6>.<27+>`) and Terraform
    /// Cloud tokens (`<14>.atlasv1.<60+>`).
    mutating func scanDottedToken(_ i: Int) -> Int? {
        let first = runEnd(from: i, .token, limit: 40)
        guard byte(first) == UInt8(ascii: ".") else { return nil }
        let firstLength = first - i
        if firstLength == 14, matches(".atlasv1.", at: first) {
            let end = runEnd(from: first + 9, Charset.terraformBody)
            guard end - first - 9 >= 60 else { return nil }
            add(i, end, "secret:terraform")
            return end
        }
        guard (23...27).contains(firstLength) else { return nil }
        let second = runEnd(from: first + 1, .token)
        guard second - first - 1 == 6, byte(second) == UInt8(ascii: ".") else { return nil }
        let end = runEnd(from: second + 1, .token)
        guard end - second - 1 >= 27 else { return nil }
        add(i, end, "secret:discord")
        return end
    }

    /// Azure AD client secrets contain `<digit>Q~` after three characters: anchored on `~`.
    mutating func scanAzureSecret(_ tilde: Int) {
        guard tilde >= 5, byte(tilde - 1) == UInt8(ascii: "Q"), ByteClass.isDigit(byte(tilde - 2)) else { return }
        for k in 3...5 where !Charset.azureHead.contains(byte(tilde - k)) { return }
        let start = tilde - 5
        let end = runEnd(from: tilde + 1, Charset.azureBody)
        guard (31...34).contains(end - tilde - 1) else { return }
        add(start, end, "secret:azure")
    }
}
