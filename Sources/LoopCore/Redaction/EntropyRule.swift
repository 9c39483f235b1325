import Foundation

/// Long runs of token characters at a word start: base64 that hides a secret, AWS
/// secret-key shapes, and random-looking strings next to a word that names a secret.
extension Scanner {
    /// `[A-Za-z0-9+/=_-]`: base64, base64url and token bodies.
    static let longRunBody = Charset(low: 0x23FFA80000000000, high: 0x07FFFFFE87FFFFFE)
    /// `+` `/` `=`: a token run that stops at one of these may go on as base64.
    static let base64Symbols = Charset("+/=")

    mutating func scanLongRun(_ i: Int) -> Int? {
        let end = runEnd(from: i, Self.longRunBody, limit: 1 << 20)
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
        var upper = false, lower = false, digit = false
        for k in start..<end {
            let c = bytes[k]
            if c == UInt8(ascii: "=") || c == UInt8(ascii: "-") || c == UInt8(ascii: "_") { return false }
            if c &- 65 < 26 { upper = true } else if c &- 97 < 26 { lower = true } else if ByteClass.isDigit(c) { digit = true }
        }
        return upper && lower && digit && !isWordLike(start, end) && shannonEntropy(bytes, start..<end) >= 4.3
    }

    /// `key`, `secret`, `token`, `password`, `credential` (any case, also inside a name:
    /// `aws_secret_access_key`) earlier in the same clause, within 40 bytes.
    /// The clause ends at a newline (or an escaped `\n`), `,` `;` `{` `}` `[` `]` `|`
    /// and a sentence's `. `, so a JSON field's neighbour (`"output_tokens":5},"requestId":…`) does not count.
    func keywordBefore(_ i: Int) -> Bool {
        var j = i - 1
        let stop = max(0, i - 40)
        while j >= stop {
            let c = bytes[j]
            switch c {
            case UInt8(ascii: "\n"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "{"), UInt8(ascii: "}"),
                 UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "|"):
                return false
            case UInt8(ascii: "."): if byte(j + 1) == UInt8(ascii: " ") { return false }
            case UInt8(ascii: "n"): if byte(j - 1) == UInt8(ascii: "\\") { return false }
            // A placeholder in between already took the keyword's value; and since it is
            // shorter than that value, looking past it would let a second pass find what
            // the first did not (redaction must be idempotent).
            case UInt8(ascii: ">"): if endsPlaceholder(at: j) { return false }
            default: break
            }
            switch ByteClass.lowercased(c) {
            case UInt8(ascii: "k"): if matches("key", at: j, caseInsensitive: true), !isPublic(before: j) { return true }
            case UInt8(ascii: "s"): if matches("secret", at: j, caseInsensitive: true) { return true }
            case UInt8(ascii: "t"): if matches("token", at: j, caseInsensitive: true), !isPublic(before: j) { return true }
            case UInt8(ascii: "p"):
                if matches("passw", at: j, caseInsensitive: true) || matches("passphrase", at: j, caseInsensitive: true)
                    || matches("pwd", at: j, caseInsensitive: true) { return true }
            case UInt8(ascii: "c"): if matches("credential", at: j, caseInsensitive: true) { return true }
            default: break
            }
            j -= 1
        }
        return false
    }

    func endsPlaceholder(at j: Int) -> Bool {
        var k = j - 1
        while k >= 0, j - k < 48 {
            if bytes[k] == UInt8(ascii: "<") { return Placeholder.parse(bytes, at: k)?.end == j + 1 }
            k -= 1
        }
        return false
    }

    /// `public_key`, `publicToken`, `pub-key`: published on purpose.
    func isPublic(before j: Int) -> Bool {
        var k = j
        if k > 0, bytes[k - 1] == UInt8(ascii: "_") || bytes[k - 1] == UInt8(ascii: "-") || bytes[k - 1] == UInt8(ascii: ".") || bytes[k - 1] == UInt8(ascii: " ") { k -= 1 }
        return matches("public", at: k - 6, caseInsensitive: true) || matches("pub", at: k - 3, caseInsensitive: true)
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
