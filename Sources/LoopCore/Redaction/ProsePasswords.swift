/// Passwords written as words or command-line flags rather than assignments:
/// `the admin password is Tr0ub4dor&3`, `mysql -u root -pS3cret`, `--password=x`.
extension Scanner {
    /// At the word `is`: the value after `… password is` (also `passwd`, `passphrase`,
    /// `pwd`, `passcode`). A bare word must look like a password (a digit, a symbol or
    /// an inner capital), so `the password is wrong` stays; a quoted value always counts.
    mutating func scanProsePassword(_ i: Int) -> Int? {
        guard ByteClass.lowercased(bytes[i]) == UInt8(ascii: "i"), ByteClass.lowercased(byte(i + 1)) == UInt8(ascii: "s"),
              byte(i + 2) == UInt8(ascii: " ") else { return nil }
        var wordEnd = i
        while wordEnd > 0, bytes[wordEnd - 1] == UInt8(ascii: " ") { wordEnd -= 1 }
        guard wordEnd < i, endsWithPasswordWord(wordEnd) else { return nil }
        var start = i + 3
        while byte(start) == UInt8(ascii: " ") { start += 1 }
        let quote = byte(start)
        let end: Int
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") || quote == UInt8(ascii: "`") {
            start += 1
            var close = start
            while close < count, bytes[close] != quote, bytes[close] != UInt8(ascii: "\n") { close += 1 }
            guard byte(close) == quote, close - start >= 4, !isMessage(start, close) else { return nil }
            end = close
        } else {
            var stop = start
            while stop < count, !ByteClass.isSpace(bytes[stop]), bytes[stop] != UInt8(ascii: "\""), bytes[stop] != UInt8(ascii: "\\") { stop += 1 }
            // Sentence punctuation after the value is not part of it.
            while stop > start, ".,;:!?)".utf8.contains(bytes[stop - 1]) { stop -= 1 }
            guard stop - start >= 4, looksLikeBarePassword(start, stop) else { return nil }
            end = stop
        }
        guard !isTemplateCredential(start, end) else { return nil }
        add(start, end, "secret:password")
        return end
    }

    /// `password`, `adminPassword`, `passwd`, `passphrase`, `passcode`; `pwd` only as a word of its own.
    func endsWithPasswordWord(_ end: Int) -> Bool {
        for word in ["password", "passwd", "passphrase", "passcode", "pwd"] as [StaticString] {
            let n = word.utf8CodeUnitCount
            guard end >= n, matches(word, at: end - n, caseInsensitive: true) else { continue }
            if n > 3 || !ByteClass.isAlnum(byte(end - n - 1)) { return true }
        }
        return false
    }

    /// A digit, a symbol, or a capital after the first letter: `hunter2`, `Tr0ub4dor&3`, `correctHorse`.
    func looksLikeBarePassword(_ start: Int, _ end: Int) -> Bool {
        for k in start..<end {
            let c = bytes[k]
            if !ByteClass.isLetter(c) { return true }
            if k > start, c &- 65 < 26 { return true }
        }
        return false
    }

    /// `-pSECRET`, `-p'SECRET'` (MySQL and MariaDB clients take the password glued to
    /// `-p`) and `--password=SECRET` / `--password SECRET` of any command.
    mutating func scanMySQLPassword(_ i: Int) -> Int? {
        var start: Int
        if matches("--password", at: i), byte(i + 10) == UInt8(ascii: "=") || byte(i + 10) == UInt8(ascii: " ") {
            start = i + 11
            while byte(start) == UInt8(ascii: " ") { start += 1 }
        } else if matches("-p", at: i), !ByteClass.isSpace(byte(i + 2)), i + 2 < count {
            let quoted = byte(i + 2) == UInt8(ascii: "'") || byte(i + 2) == UInt8(ascii: "\"")
            // `-pthread`, `mkdir -p`, `-pl module`: only a MySQL command line or a quoted value.
            guard quoted || lineContains("mysql", before: i, within: 240) || lineContains("mariadb", before: i, within: 240) else { return nil }
            start = i + 2
        } else {
            return nil
        }
        let quote = byte(start)
        var end: Int
        if quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") {
            start += 1
            end = start
            while end < count, bytes[end] != quote, bytes[end] != UInt8(ascii: "\n") { end += 1 }
        } else {
            end = start
            while end < count, !ByteClass.isSpace(bytes[end]), bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "'"),
                  bytes[end] != UInt8(ascii: "\\"), bytes[end] != UInt8(ascii: ";"), bytes[end] != UInt8(ascii: "`") { end += 1 }
        }
        guard end > start, byte(start) != UInt8(ascii: "-"), !isVariableReference(start, end), !isTemplateCredential(start, end) else { return nil }
        add(start, end, "secret:password")
        return end
    }
}
