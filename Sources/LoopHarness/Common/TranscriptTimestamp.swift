import Foundation

/// Parses the ISO-8601 timestamps transcripts carry, with or without
/// fractional seconds (harnesses write both, sometimes in one file).
enum TranscriptTimestamp {
    static func parse(_ text: String) -> Date? {
        if let date = parseUTC(text) { return date }
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return date }
        return try? Date.ISO8601FormatStyle().parse(text)
    }

    /// The form every harness writes, `YYYY-MM-DDTHH:MM:SS[.fraction]Z`, read
    /// directly: a format style costs microseconds per line, and every line
    /// the decoders read has a timestamp. Anything else (offsets, week dates)
    /// returns nil and goes to the format style.
    static func parseUTC(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { p -> Date? in
            guard p.count >= 20, p[4] == UInt8(ascii: "-"), p[7] == UInt8(ascii: "-"), p[10] == UInt8(ascii: "T"),
                  p[13] == UInt8(ascii: ":"), p[16] == UInt8(ascii: ":"), p[p.count - 1] == UInt8(ascii: "Z") else { return nil }
            func number(_ range: Range<Int>) -> Int? {
                var value = 0
                for i in range {
                    let digit = Int(p[i]) - 48
                    guard (0...9).contains(digit) else { return nil }
                    value = value * 10 + digit
                }
                return value
            }
            guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
                  let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
                  (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
            var fraction = 0.0
            if p.count > 20 {
                guard p[19] == UInt8(ascii: "."), p.count > 21, p.count - 21 <= 9, let digits = number(20..<(p.count - 1)) else {
                    return nil
                }
                fraction = Double(digits) / pow(10, Double(p.count - 21))
            } else if p[19] != UInt8(ascii: "Z") {
                return nil
            }
            let days = daysFromCivil(year: year, month: month, day: day)
            let seconds = Double(days * 86_400 + hour * 3_600 + minute * 60 + second) + fraction
            return Date(timeIntervalSince1970: seconds)
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
