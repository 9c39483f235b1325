import Foundation

/// What the context scorer made of one moment: each feature that fired, its
/// weight and the words that showed it; the total against the threshold.
public struct ContextScore: Sendable, Hashable, Codable {
    public struct Contribution: Sendable, Hashable, Codable {
        public var feature: String
        public var weight: Double
        /// The phrase or shape that made it fire ("still broken", "a stack trace").
        public var evidence: String
    }

    public var contributions: [Contribution]
    public var threshold: Double

    public var total: Double { contributions.reduce(0) { $0 + $1.weight } }
    public var raises: Bool { total >= threshold }
    /// Whether any feature of the message or its context fired (a prior does not count).
    public var hasEvidence: Bool {
        contributions.contains { !$0.feature.hasPrefix("prior-") }
    }

    public func fired(_ feature: String) -> Bool { contributions.contains { $0.feature == feature } }

    /// "score 3.0 ≥ 2.0: symptom +1.0 (\"still broken\"), symptom-after-claim +1.5 (\"done\")".
    public var explanation: String {
        let parts = contributions.map { "\($0.feature) \(Self.signed($0.weight)) (\($0.evidence))" }
        let comparison = raises ? "≥" : "<"
        return "score \(Self.format(total)) \(comparison) \(Self.format(threshold))"
            + (parts.isEmpty ? "" : ": " + parts.joined(separator: ", "))
    }

    static func signed(_ value: Double) -> String { (value >= 0 ? "+" : "") + format(value) }

    static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(format: "%.1f", rounded) : String(rounded)
    }
}
