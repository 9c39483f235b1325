/// One JSONL line read as a JSON object, the same way for every harness.
public enum JSONLine {
    /// Whether the line reads as a JSON object: the UTF-8 check and the tape,
    /// and nothing a decoder does with them. For `loopctl bench-decode --stage
    /// parse`, which measures that part of ingest on its own.
    public static func readsAsObject(_ line: ArraySlice<UInt8>) -> Bool {
        if case .object = read(line) { return true }
        return false
    }

    enum Reading {
        /// Only whitespace: nothing to decode, and nothing wrong.
        case blank
        case object(JSONObjectView)
        /// Why the line cannot be read, for a `DecodeIssue`.
        case unreadable(String)
    }

    static func read(_ line: some Collection<UInt8>) -> Reading {
        // The reader's lines are slices of its chunk: no copy for those.
        let bytes = line as? ArraySlice<UInt8> ?? ArraySlice(line)
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return .blank }
        guard bytes.withUnsafeBufferPointer(JSONScanner.isValidUTF8) else { return .unreadable("line is not valid UTF-8") }
        guard let object = JSONObjectView(line: bytes) else {
            let first = bytes.first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }
            return .unreadable(first == UInt8(ascii: "{") ? "line is not valid JSON" : "line is not a JSON object")
        }
        return .object(object)
    }
}
