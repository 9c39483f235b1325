import Foundation

/// Long runs of token characters at a word start: base64 that hides a secret, AWS
/// secret-key shapes, and random-looking strings next to a word that names a secret.
extension Scanner {
    /// `[A-Za-z0-9+/=_-]`: base64, base64url and token bodies.
    static let longRunBody = Charset(low: 0x23FFA80000000000, high: 0x07FFFFFE87FFFFFE)
    /// `+` `/` `=`: a token run that stops at one of these may go on as base64.
    static let base64Symbols = Charset(low: 0x2000880000000000, high: 0x0000000000000000)  // +/=

    /// `alnumEnd`: where the letters and digits at `i` end (most runs end there too).
    mutating func scanLongRun(_ i: Int, alnumEnd: Int) -> Int? {
        let end = Self.longRunBody.contains(byte(alnumEnd)) ? runEnd(from: alnumEnd, Self.longRunBody, limit: 1 << 20) : alnumEnd
        let length = end - i
        guard length >= 16 else { return nil }
        if decodesBase64, length >= 24, let type = secretInBase64(i, end) {
            add(i, end, type)
            return end
        }
        if length == 40, isAWSSecretShape(i, end) {
            add(i, end, "secret:aws")
            return end
        }
        if length <= 512, keywordBefore(i), isHighEntropy(i, end) {
            add(i, end, "secret:entropy")
            return end
        }
        return nil
    }

    /// AWS secret access keys: 40 base64 characters (no `=`, `-`, `_`) mixing upper
    /// case, lower case and digits, random enough not to be a path or identifier.
    func isAWSSecretShape(_ start: Int, _ end: Int) -> Bool {
        let before = byte(start - 1)
        guard before != UInt8(ascii: "/"), before != UInt8(ascii: "+") else { return false }
        // Commit hashes (lower-case hex) are the common 40-byte run: one cheap pass rejects them.
        var k = start
        while k < end, bytes[k] &- 65 >= 26 { k += 1 }
        guard k < end else { return false }
        var upper = false, lower = false, digit = false
        for k in start..<end {
            let c = bytes[k]
            if c == UInt8(ascii: "=") || c == UInt8(ascii: "-") || c == UInt8(ascii: "_") { return false }
            if c &- 65 < 26 { upper = true } else if c &- 97 < 26 { lower = true } else if ByteClass.isDigit(c) { digit = true }
        }
        return upper && lower && digit && !isWordLike(start, end) && shannonEntropy(bytes, start..<end) >= 4.3
    }

    /// `key`, `secret`, `token`, `password`, `credential` (any case, also inside a name:
    /// `aws_secret_access_key`, `apiKey`) in one of the few words right before `i`:
    /// `with secret X`, `the API key is X`, `"token": "X"`, `password for prod: X`.
    /// Only spaces, quotes, `:`, `=` and `(` may separate the words, and at most two
    /// short plain words may come in between; a value, a newline, `,` `;` `{` `}` or a
    /// placeholder ends the look-back, so `DB_PASSWORD="…" again <hash>` and a JSON
    /// neighbour (`"output_tokens":5},"requestId":"req_…"`) do not count.
    func keywordBefore(_ i: Int) -> Bool {
        var j = i
        var words = 0
        let stop = max(0, i - 80)
        while j > stop {
            while j > stop, Self.keywordConnector.contains(bytes[j - 1]) { j -= 1 }
            var s = j
            while s > stop, j - s < 64, Charset.tokenDot.contains(bytes[s - 1]) { s -= 1 }
            guard s < j else { return false }
            if hasKeyword(s, j) { return true }
            guard words < 2, j - s <= 12 else { return false }
            for k in s..<j where !ByteClass.isLetter(bytes[k]) { return false }
            words += 1
            j = s
        }
        return false
    }

    /// First letters of the keywords, both cases.
    static let keywordFirst = Charset(low: 0x0000000000000000, high: 0x0019080800190808)  // kKsStTcCpP
    /// Space, tab, `:`, `=`, quotes, `(` and the backslash of an escaped quote.
    static let keywordConnector = Charset(low: 0x2400018500000200, high: 0x0000000110000000)  // space \t : = " ' ` ( \\

    /// Whether the name `bytes[start..<end]` holds a keyword as one of its parts
    /// (`SECRET_KEY`, `apiKey`, `x-api-token`, `credentials`) or at its end (`apikey`).
    func hasKeyword(_ start: Int, _ end: Int) -> Bool {
        // A word with many digits is a value (`sk-proj-…xKEY9…`), whatever it spells.
        var digits = 0
        for k in start..<end where ByteClass.isDigit(bytes[k]) { digits += 1 }
        if digits > 4 { return false }
        var p = start
        while p < end {
            guard Self.keywordFirst.contains(bytes[p]) else { p += 1; continue }
            let length: Int
            var checkEnd = true
            switch ByteClass.lowercased(bytes[p]) {
            case UInt8(ascii: "k"): length = matches("key", at: p, caseInsensitive: true) ? 3 : 0
            case UInt8(ascii: "s"): length = matches("secret", at: p, caseInsensitive: true) ? 6 : 0
            case UInt8(ascii: "t"): length = matches("token", at: p, caseInsensitive: true) ? 5 : 0
            case UInt8(ascii: "c"): length = matches("credential", at: p, caseInsensitive: true) ? 10 : 0
            case UInt8(ascii: "p"):
                if matches("passw", at: p, caseInsensitive: true) || matches("passphrase", at: p, caseInsensitive: true) {
                    length = 5
                    checkEnd = false
                } else {
                    length = matches("pwd", at: p, caseInsensitive: true) ? 3 : 0
                }
            default: length = 0
            }
            if length > 0, p + length <= end {
                let after = p + length
                let endsPart = !checkEnd || after == end || !ByteClass.isLetter(bytes[after]) || bytes[after] &- 65 < 26
                    || (ByteClass.lowercased(bytes[after]) == UInt8(ascii: "s") && (after + 1 == end || !ByteClass.isLetter(bytes[after + 1])))
                let previous = p > start ? bytes[p - 1] : 0x20
                let startsPart = p == start || !ByteClass.isLetter(previous) || (previous &- 97 < 26 && bytes[p] &- 65 < 26)
                    || after == end
                if endsPart && startsPart && !isPublic(before: p, start: start) { return true }
            }
            p += 1
        }
        return false
    }

    /// `public_key`, `publicToken`, `pub-key`: published on purpose.
    func isPublic(before j: Int, start: Int) -> Bool {
        var k = j
        if k > start, bytes[k - 1] == UInt8(ascii: "_") || bytes[k - 1] == UInt8(ascii: "-") || bytes[k - 1] == UInt8(ascii: ".") { k -= 1 }
        return (k - 6 >= start && matches("public", at: k - 6, caseInsensitive: true)) || (k - 3 >= start && matches("pub", at: k - 3, caseInsensitive: true))
    }

    /// Random, not a word: Shannon entropy of at least `log2(length) − 0.75` bits per
    /// byte (at most 4.3; hex strings, whose alphabet is 16 symbols, need 3.0), some
    /// digits or base64 symbols, not a UUID and not made of words (`refreshToken2`).
    func isHighEntropy(_ start: Int, _ end: Int) -> Bool {
        let length = end - start
        if length == 36, isUUID(start) { return false }
        var digits = 0, letters = 0, upper = 0, lower = 0, symbols = 0
        var hexOnly = true
        for k in start..<end {
            let c = bytes[k]
            if ByteClass.isDigit(c) { digits += 1 }
            else if ByteClass.isLetter(c) {
                letters += 1
                if c &- 65 < 26 { upper += 1 } else { lower += 1 }
                if !ByteClass.isHex(c) { hexOnly = false }
            } else if c == UInt8(ascii: "+") || c == UInt8(ascii: "/") || c == UInt8(ascii: "=") { symbols += 1; hexOnly = false }
        }
        guard letters > 0 else { return false }
        let entropy = shannonEntropy(bytes, start..<end)
        if hexOnly && digits > 0 && (upper == 0 || lower == 0) { return entropy >= 3.0 }
        guard !isWordLike(start, end), !isSequence(start, end) else { return false }
        var threshold = min(4.3, log2(Double(length)) - 0.75)
        // Without digits or base64 symbols, only a clearly random mix of cases counts.
        if digits == 0 && symbols == 0 {
            guard upper > 0 && lower > 0 else { return false }
            threshold += 0.3
        }
        return entropy >= threshold
    }

    /// `8-4-4-4-12` hex digits.
    func isUUID(_ start: Int) -> Bool {
        for k in 0..<36 {
            let c = bytes[start + k]
            if k == 8 || k == 13 || k == 18 || k == 23 { if c != UInt8(ascii: "-") { return false } }
            else if !ByteClass.isHex(c) { return false }
        }
        return true
    }

    /// An alphabet (`ABC…xyz0123456789`): high entropy, no secret. Half or more of the
    /// neighbouring bytes are consecutive.
    func isSequence(_ start: Int, _ end: Int) -> Bool {
        var steps = 0
        for k in (start + 1)..<end where bytes[k] == bytes[k - 1] &+ 1 { steps += 1 }
        return steps * 2 >= end - start
    }

    /// Half or more of the run is words: `Word`/`word` chunks of three or more letters, or
    /// upper-case chunks of three or more when the run has no lower case (`MY_SECRET_NAME2`).
    func isWordLike(_ start: Int, _ end: Int) -> Bool {
        var hasLower = false
        for k in start..<end where bytes[k] &- 97 < 26 { hasLower = true; break }
        var inWords = 0
        var k = start
        while k < end {
            var j = k
            if hasLower {
                if bytes[j] &- 65 < 26 { j += 1 }
                while j < end, bytes[j] &- 97 < 26 { j += 1 }
            } else {
                while j < end, bytes[j] &- 65 < 26 { j += 1 }
            }
            if j - k >= 3 { inWords += j - k }
            k = max(j, k + 1)
        }
        return inWords * 2 >= end - start
    }
}
