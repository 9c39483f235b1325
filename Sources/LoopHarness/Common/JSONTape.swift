/// Where every value of one JSON line is, found in a single pass.
///
/// One entry per value, in document order (an object's members as a key
/// entry then a value entry); a container's entry says where its subtree
/// ends, so a reader jumps over a member it does not want in one step. Each
/// byte of the line is looked at once: strings are skipped with memchr and
/// never decoded here. (Locating members level by level instead rescanned a
/// deep tool result once per level; the tape is what simdjson calls it.)
final class JSONTape: Sendable {
    struct Entry: Sendable {
        /// The value's bytes (a string's with its quotes).
        var start: Int
        var end: Int
        /// The index of the entry after this value's subtree.
        var after: Int
    }

    /// The line. A slice of the reader's chunk, not a copy: views live only
    /// while their line is decoded, so the chunk is not held for long.
    let bytes: ArraySlice<UInt8>
    let entries: [Entry]

    private init(bytes: ArraySlice<UInt8>, entries: [Entry]) {
        self.bytes = bytes
        self.entries = entries
    }

    /// The tape of a line holding exactly one JSON object (whitespace around it
    /// allowed); nil when the line is anything else or malformed.
    static func parse(line bytes: ArraySlice<UInt8>) -> JSONTape? {
        let entries = bytes.withUnsafeBufferPointer { p -> [Entry]? in
            let start = JSONScanner.skipWhitespace(p, 0, p.count)
            guard start < p.count, p[start] == UInt8(ascii: "{") else { return nil }
            guard let (entries, end) = build(p, from: start),
                  JSONScanner.skipWhitespace(p, end, p.count) == p.count else { return nil }
            return entries
        }
        return entries.map { JSONTape(bytes: bytes, entries: $0) }
    }

    /// The byte at `offset` from the line's start (entries count from there).
    func byte(at offset: Int) -> UInt8 { bytes[bytes.startIndex + offset] }

    /// The bytes of `range`, counted from the line's start.
    func slice(_ range: Range<Int>) -> ArraySlice<UInt8> {
        bytes[(bytes.startIndex + range.lowerBound)..<(bytes.startIndex + range.upperBound)]
    }

    /// Where the contents of the string (or key) at entry `index` are: inside its quotes.
    func stringContents(at index: Int) -> Range<Int> {
        (entries[index].start + 1)..<(entries[index].end - 1)
    }

    /// The decoded text of the string (or key) at entry `index`; nil for a bad escape.
    func decodedString(at index: Int) -> String? {
        let contents = stringContents(at: index)
        return bytes.withUnsafeBufferPointer { JSONScanner.decodeString($0, contents) }
    }

    private enum Expect { case value, valueOrClose, key, keyOrClose, colon, commaOrClose }

    /// Records the value starting at `start` and everything inside it; returns
    /// the entries and the index just past the value.
    private static func build(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> ([Entry], Int)? {
        let limit = p.count
        // About one value per 16 bytes in transcripts; reserving up front saves
        // the array's regrowth on every line (capped: a huge line grows as usual).
        var entries: [Entry] = []
        entries.reserveCapacity(min(p.count / 16 + 8, 2_048))
        // Open containers: their entry index and whether each is an object.
        var open: [(entry: Int, isObject: Bool)] = []
        open.reserveCapacity(16)
        var expect = Expect.value
        var i = start
        while true {
            i = JSONScanner.skipWhitespace(p, i, limit)
            guard i < limit else { return nil }
            let c = p[i]
            switch expect {
            case .colon:
                guard c == UInt8(ascii: ":") else { return nil }
                expect = .value
                i += 1
                continue
            case .commaOrClose:
                guard let top = open.last else { return nil }
                if c == UInt8(ascii: ",") {
                    expect = top.isObject ? .key : .value
                    i += 1
                    continue
                }
                guard c == (top.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else { return nil }
            case .keyOrClose where c == UInt8(ascii: "}"), .valueOrClose where c == UInt8(ascii: "]"):
                break  // an empty container closes below
            case .key, .keyOrClose:
                guard c == UInt8(ascii: "\""), let end = JSONScanner.skipString(p, i, limit) else { return nil }
                entries.append(Entry(start: i, end: end, after: entries.count + 1))
                i = end
                expect = .colon
                continue
            case .value, .valueOrClose:
                if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") {
                    open.append((entries.count, c == UInt8(ascii: "{")))
                    entries.append(Entry(start: i, end: i, after: 0))  // completed when it closes
                    expect = c == UInt8(ascii: "{") ? .keyOrClose : .valueOrClose
                    i += 1
                    continue
                }
                guard !open.isEmpty, let end = JSONScanner.skipScalar(p, i, limit) else { return nil }
                entries.append(Entry(start: i, end: end, after: entries.count + 1))
                i = end
                expect = .commaOrClose
                continue
            }
            // A closing bracket that matches the innermost open container.
            let closed = open.removeLast()
            entries[closed.entry].end = i + 1
            entries[closed.entry].after = entries.count
            i += 1
            if open.isEmpty { return (entries, i) }
            expect = .commaOrClose
        }
    }
}
