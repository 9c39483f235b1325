/// Emails, IP addresses, phone numbers and card numbers.
extension Scanner {
    /// Emails, found from their `@`: local part backwards, domain forwards.
    mutating func scanAt(_ at: Int) {
        var start = at
        while start > 0, at - start < 64, Charset.emailLocal.contains(bytes[start - 1]) { start -= 1 }
        while start < at, bytes[start] == UInt8(ascii: ".") { start += 1 }
        guard start < at else { return }
        let domainEnd = runEnd(from: at + 1, Charset.domain, limit: 253)
        var end = domainEnd
        while end > at + 1, bytes[end - 1] == UInt8(ascii: ".") || bytes[end - 1] == UInt8(ascii: "-") { end -= 1 }
        // The last label is the TLD: letters only, two or more.
        var dot = end - 1
        while dot > at, bytes[dot] != UInt8(ascii: ".") { dot -= 1 }
        guard dot > at + 1, end - dot - 1 >= 2, (dot + 1..<end).allSatisfy({ ByteClass.isLetter(bytes[$0]) })
        else { return }
        // `git@github.com:org/repo` is an SSH remote, and `icon@2x.png` a file name.
        if at - start == 3, matches("git", at: start) { return }
        if isFileExtension(dot + 1, end) { return }
        add(start, end, "email", .numbered)
    }

    func isFileExtension(_ start: Int, _ end: Int) -> Bool {
        let n = end - start
        guard n <= 4 else { return false }
        var key: UInt32 = 0
        for i in start..<end { key = key << 8 | UInt32(ByteClass.lowercased(bytes[i])) }
        return Self.fileExtensions.contains(key)
    }

    static let fileExtensions: Set<UInt32> = Set(["png", "jpg", "jpeg", "gif", "svg", "webp", "js", "ts", "css", "json", "swift", "py", "md", "txt", "html"].map { word in
        word.utf8.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    })

    /// Dotted quads (not version strings such as `1.2.3` or `v1.2.3.4`); loopback, the
    /// unspecified address and the cloud metadata address say nothing about anyone.
    mutating func scanIPv4(_ i: Int) -> Int? {
        if i > 0, byte(i - 1) == UInt8(ascii: "v") || byte(i - 1) == UInt8(ascii: "V") { return nil }
        var j = i
        var octets: UInt32 = 0
        for index in 0..<4 {
            let end = runEnd(from: j, Charset.digits, limit: 4)
            guard end > j, end - j <= 3 else { return nil }
            if end - j > 1, bytes[j] == UInt8(ascii: "0") { return nil }
            var value: UInt32 = 0
            for k in j..<end { value = value * 10 + UInt32(bytes[k] - 48) }
            guard value <= 255 else { return nil }
            octets = octets << 8 | value
            j = end
            if index < 3 {
                guard byte(j) == UInt8(ascii: ".") else { return nil }
                j += 1
            }
        }
        if ByteClass.isAlnum(byte(j)) || (byte(j) == UInt8(ascii: ".") && ByteClass.isDigit(byte(j + 1))) { return nil }
        if octets >> 24 == 127 || octets == 0 || octets == 0xFFFF_FFFF || octets == 0xA9FE_A9FE {
            return j
        }
        add(i, j, "ip", .numbered)
        return j
    }

    /// IPv6 in full or `::`-compressed form; `::1` and clock times (`12:30:45`) are not.
    mutating func scanIPv6(_ i: Int) -> Int? {
        var j = i
        var groups = 0
        var compressed = false
        var longGroup = false
        // The longest prefix that is a whole address: text glued after it (`…:7334:devbox`)
        // must not change the verdict, or a second pass would see a different address.
        var best = -1
        func isAddress() -> Bool { groups == 8 || (compressed && groups >= 2 && longGroup) }
        while j < count {
            let end = runEnd(from: j, Charset.hex, limit: 5)
            if end - j > 4 || ByteClass.isAlnum(byte(end)) { break }
            if end > j { groups += 1; if end - j >= 3 { longGroup = true } }
            j = end
            if isAddress() { best = j }
            guard byte(j) == UInt8(ascii: ":"), groups < 8 else { break }
            if byte(j + 1) == UInt8(ascii: ":") {
                if compressed { break }
                compressed = true
                j += 2
            } else {
                guard ByteClass.isHex(byte(j + 1)) else { break }
                j += 1
            }
        }
        guard best > i else { return nil }
        add(i, best, "ip", .numbered)
        return best
    }

    /// Phone numbers: `+` and 8–15 digits, or the `(555) 123-4567` / `555-123-4567` shapes.
    /// Plain digit runs (ids, timestamps) are never phones.
    mutating func scanPhone(_ i: Int) -> Int {
        let first = bytes[i]
        let plus = first == UInt8(ascii: "+")
        var j = plus || first == UInt8(ascii: "(") ? i + 1 : i
        var digits = 0
        var groups = 0
        var current = 0
        var separators = 0
        var groupShape = GroupShape()
        // The longest prefix that is a whole phone number wins, so a number followed by
        // more digits is judged the same way whether or not they were redacted first.
        var best = -1
        while j < count, j - i < 24 {
            let c = bytes[j]
            if ByteClass.isDigit(c) { digits += 1; current += 1; j += 1; continue }
            groups += 1
            groupShape.append(current)
            if !ByteClass.isAlnum(c), isPhoneShape(plus: plus, first: first, digits: digits, groupShape: groupShape, separators: separators) { best = j }
            let isSeparator = c == UInt8(ascii: " ") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".") || c == UInt8(ascii: ")")
            let spaceAfterParen = c == UInt8(ascii: ")") && byte(j + 1) == UInt8(ascii: " ")
            guard isSeparator, current > 0, ByteClass.isDigit(byte(j + 1)) || spaceAfterParen else { current = 0; break }
            current = 0
            separators += 1
            j += spaceAfterParen ? 2 : 1
        }
        if current > 0 {
            groupShape.append(current)
            if !ByteClass.isAlnum(byte(j)), isPhoneShape(plus: plus, first: first, digits: digits, groupShape: groupShape, separators: separators) { best = j }
        }
        guard best > i, !ByteClass.isAlnum(byte(best)) else { return i + 1 }
        add(i, best, "phone", .numbered)
        return best
    }

    /// The first three digit-group lengths of a phone candidate, without allocating.
    struct GroupShape {
        var count = 0
        var first = 0, second = 0, third = 0
        mutating func append(_ length: Int) {
            switch count {
            case 0: first = length
            case 1: second = length
            case 2: third = length
            default: break
            }
            count += 1
        }
        var isNorthAmerican: Bool { count == 3 && first == 3 && second == 3 && third == 4 }
    }

    private func isPhoneShape(plus: Bool, first: UInt8, digits: Int, groupShape: GroupShape, separators: Int) -> Bool {
        if plus { return (8...15).contains(digits) && groupShape.first <= 4 }
        return digits == 10 && groupShape.isNorthAmerican && (first == UInt8(ascii: "(") || separators == 2)
    }

    /// Card numbers: 13–19 digits in the issuers' ranges, optionally grouped, Luhn-valid.
    mutating func scanCard(_ i: Int) -> Int? {
        let first = bytes[i]
        guard first >= UInt8(ascii: "2"), first <= UInt8(ascii: "6") else { return nil }
        var j = i
        var digitCount = 0
        var prefix = 0
        // The longest grouped prefix that is a card number, so digits glued after a
        // separator (`4111 1111 1111 1111 2001:db8::1`) do not hide it on one pass only.
        var best = -1
        while j < count, digitCount <= 19 {
            let c = bytes[j]
            if ByteClass.isDigit(c) {
                if digitCount < 4 { prefix = prefix * 10 + Int(c - 48) }
                digitCount += 1
                j += 1
                continue
            }
            if c == UInt8(ascii: " ") || c == UInt8(ascii: "-"), ByteClass.isDigit(byte(j + 1)),
               digitCount % 4 == 0 || digitCount == 6 || digitCount == 10 {
                if isCard(i, j, digitCount: digitCount, prefix: prefix) { best = j }
                j += 1
                continue
            }
            break
        }
        if !ByteClass.isAlnum(byte(j)), isCard(i, j, digitCount: digitCount, prefix: prefix) { best = j }
        guard best > i else { return nil }
        add(i, best, "card", .numbered)
        return best
    }

    private func isCard(_ start: Int, _ end: Int, digitCount: Int, prefix: Int) -> Bool {
        guard (13...19).contains(digitCount) else { return false }
        let prefix2 = prefix / 100
        let issuer = prefix / 1000 == 4 || (51...55).contains(prefix2) || prefix2 == 34 || prefix2 == 37
            || prefix2 == 65 || prefix == 6011 || (22...27).contains(prefix2)
        return issuer && luhnValid(start, end)
    }

    /// Luhn over the digits of `start..<end`, right to left, skipping separators.
    func luhnValid(_ start: Int, _ end: Int) -> Bool {
        var sum = 0
        var position = 0
        var k = end - 1
        while k >= start {
            let c = bytes[k]
            if ByteClass.isDigit(c) {
                var v = Int(c - 48)
                if position % 2 == 1 { v *= 2; if v > 9 { v -= 9 } }
                sum += v
                position += 1
            }
            k -= 1
        }
        return sum % 10 == 0
    }

}
