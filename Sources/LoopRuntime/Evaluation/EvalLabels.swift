import Foundation

/// One labelled record of the evaluation corpus: what the detector must say
/// about it, and why (read by a person when the label was written).
public struct EvalLabel: Sendable, Hashable {
    public enum Expectation: String, Sendable { case lesson, silent }

    /// Path relative to the corpus root (`claude-code/…`), or `fixtures:<path below fixtures/>`.
    public var file: String
    /// JSONL line number, or the harness's record id where records have no lines.
    public var record: String
    public var expect: Expectation
    /// The signal for a lesson; "-" for silent labels.
    public var signal: String
    public var reason: String

    /// Reads `file<TAB>record<TAB>expect<TAB>signal<TAB>reason` lines; `#` starts a comment.
    public static func parse(_ text: String, source: String) throws -> [EvalLabel] {
        var labels: [EvalLabel] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 5, let expect = Expectation(rawValue: fields[2]) else {
                throw EvalError("\(source):\(index + 1): expected file<TAB>record<TAB>lesson|silent<TAB>signal<TAB>reason")
            }
            labels.append(EvalLabel(file: fields[0], record: fields[1], expect: expect, signal: fields[3], reason: fields[4]))
        }
        return labels
    }
}

public struct EvalError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// A file change the corpus applies after a given transcript record, standing
/// in for what inotify would have seen in the working tree.
struct EvalDiskEdit: Codable, Sendable {
    var afterLine: Int?
    var afterRecord: String?
    var file: String
    var content: String?
    var delete: Bool?
    /// The agent's own write reaching the disk (before its record): it only
    /// changes what a daemon would read from disk, it is not the user's change.
    var agent: Bool?
}
