import Foundation

/// The context scorer's weights, threshold and lexicons, read from
/// `context-scorer.tsv`. Data, not code: a language or a phrase is a new row.
public struct ScorerModel: Sendable, Hashable {
    /// The score a candidate needs to be raised.
    public var threshold: Double
    /// Feature name → contribution when it fires (absent = 0).
    public var weights: [String: Double]
    /// Lexicon name → its phrases.
    public var lexicons: [String: Lexicon]

    public init(threshold: Double, weights: [String: Double], lexicons: [String: Lexicon]) {
        self.threshold = threshold
        self.weights = weights
        self.lexicons = lexicons
    }

    public struct ParseError: Error, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "context scorer data, line \(line): \(message)" }
    }

    /// The model shipped in LoopCore (the TSV is embedded at build time).
    public static let standard: ScorerModel = {
        do {
            return try parse(String(decoding: PackageResources.context_scorer_tsv, as: UTF8.self))
        } catch {
            preconditionFailure("the embedded context-scorer.tsv does not parse: \(error)")
        }
    }()

    /// Parses the TSV format documented at the top of `context-scorer.tsv`.
    public static func parse(_ text: String) throws -> ScorerModel {
        var model = ScorerModel(threshold: 0, weights: [:], lexicons: [:])
        var sawThreshold = false
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3, !fields[1].isEmpty, !fields[2].isEmpty else {
                throw ParseError(line: index + 1, message: "expected three tab-separated fields")
            }
            switch fields[0] {
            case "threshold":
                guard let value = Double(fields[2]) else { throw ParseError(line: index + 1, message: "not a number") }
                model.threshold = value
                sawThreshold = true
            case "weight":
                guard let value = Double(fields[2]) else { throw ParseError(line: index + 1, message: "not a number") }
                model.weights[fields[1]] = value
            case "lead":
                model.lexicons[fields[1], default: Lexicon()].leading.append(CorrectionLanguage.normalize(fields[2]))
            case "any":
                model.lexicons[fields[1], default: Lexicon()].anywhere.append(CorrectionLanguage.normalize(fields[2]))
            default:
                throw ParseError(line: index + 1, message: "unknown row kind \(fields[0])")
            }
        }
        guard sawThreshold else { throw ParseError(line: 0, message: "no threshold row") }
        return model
    }

    public func weight(_ feature: String) -> Double { weights[feature] ?? 0 }

    /// The first phrase of `lexicon` found in `normalized` text, if any.
    public func match(_ lexicon: String, in normalized: String) -> String? {
        lexicons[lexicon]?.firstMatch(in: normalized)
    }
}

/// Phrases of one lexicon: those that must open the text and those found anywhere.
public struct Lexicon: Sendable, Hashable {
    public var leading: [String] = []
    public var anywhere: [String] = []

    public init(leading: [String] = [], anywhere: [String] = []) {
        self.leading = leading
        self.anywhere = anywhere
    }

    /// `normalized` is `CorrectionLanguage.normalize`d text.
    public func firstMatch(in normalized: String) -> String? {
        if let lead = leading.first(where: { CorrectionLanguage.startsWithPhrase(normalized, $0) }) { return lead }
        return anywhere.first { CorrectionLanguage.containsPhrase(normalized, $0) }
    }
}
