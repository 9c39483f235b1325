/// A transcript line a decoder could not use (not UTF-8, not JSON, or JSON of an
/// unexpected shape). Decoders report these and go on with the next line;
/// one bad line never fails a file.
public struct DecodeIssue: Sendable, Hashable, CustomStringConvertible {
    public var path: String
    /// 1-based line number.
    public var line: Int
    public var message: String

    public init(path: String, line: Int, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String { "\(path):\(line): \(message)" }
}
