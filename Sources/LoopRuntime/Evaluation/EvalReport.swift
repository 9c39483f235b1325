import Foundation

/// Precision and recall of the detector over the labelled corpus.
public struct EvalReport: Sendable {
    public struct Prediction: Sendable, Hashable {
        public var file: String
        public var record: String
        public var signal: String
        public var harness: String
    }

    public struct Tally: Sendable, Hashable {
        public var truePositives = 0
        public var falsePositives = 0
        public var falseNegatives = 0
        public var precision: Double? {
            truePositives + falsePositives == 0 ? nil : Double(truePositives) / Double(truePositives + falsePositives)
        }
        public var recall: Double? {
            truePositives + falseNegatives == 0 ? nil : Double(truePositives) / Double(truePositives + falseNegatives)
        }
    }

    public var overall = Tally()
    public var byHarness: [String: Tally] = [:]
    public var bySignal: [String: Tally] = [:]
    public var misses: [EvalLabel] = []
    /// Predicted lessons on records labelled silent (the worst kind of error).
    public var silentFalseAlarms: [(Prediction, EvalLabel)] = []
    /// Predicted lessons on records nobody labelled.
    public var unlabelledAlarms: [Prediction] = []
    public var labels = 0
    public var files = 0

    /// Scores predictions against labels: a prediction matches a lesson label on
    /// the same file and record with the same signal.
    init(labels: [EvalLabel], predictions: [Prediction], files: Int, harnessOf: (String) -> String) {
        self.labels = labels.count
        self.files = files
        var byKey: [String: EvalLabel] = [:]
        for label in labels { byKey["\(label.file)#\(label.record)"] = label }
        var matched = Set<String>()
        for prediction in predictions {
            let key = "\(prediction.file)#\(prediction.record)"
            let harness = prediction.harness
            if let label = byKey[key], label.expect == .lesson, label.signal == prediction.signal {
                matched.insert(key)
                count(\.truePositives, harness: harness, signal: prediction.signal)
            } else {
                count(\.falsePositives, harness: harness, signal: prediction.signal)
                if let label = byKey[key] { silentFalseAlarms.append((prediction, label)) } else { unlabelledAlarms.append(prediction) }
            }
        }
        for label in labels where label.expect == .lesson && !matched.contains("\(label.file)#\(label.record)") {
            misses.append(label)
            count(\.falseNegatives, harness: harnessOf(label.file), signal: label.signal)
        }
    }

    private mutating func count(_ field: WritableKeyPath<Tally, Int>, harness: String, signal: String) {
        overall[keyPath: field] += 1
        byHarness[harness, default: Tally()][keyPath: field] += 1
        bySignal[signal, default: Tally()][keyPath: field] += 1
    }

    /// The table `make eval` prints.
    public var text: String {
        func format(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "  -  " }
        func row(_ name: String, _ tally: Tally) -> String {
            name.padding(toLength: 18, withPad: " ", startingAt: 0)
                + " \(format(tally.precision))     \(format(tally.recall))   tp \(tally.truePositives)  fp \(tally.falsePositives)  fn \(tally.falseNegatives)"
        }
        var lines = ["loop detector evaluation: \(files) transcripts, \(labels) labels", "",
                     "                   precision  recall"]
        lines.append(row("overall", overall))
        lines.append("")
        for (name, tally) in byHarness.sorted(by: { $0.key < $1.key }) { lines.append(row(name, tally)) }
        lines.append("")
        for (name, tally) in bySignal.sorted(by: { $0.key < $1.key }) { lines.append(row(name, tally)) }
        lines.append("")
        lines.append("misses (\(misses.count)):")
        for label in misses { lines.append("  \(label.file) #\(label.record) \(label.signal): \(label.reason)") }
        lines.append("false alarms on silent cases (\(silentFalseAlarms.count)):")
        for (prediction, label) in silentFalseAlarms { lines.append("  \(prediction.file) #\(prediction.record) \(prediction.signal): labelled silent — \(label.reason)") }
        lines.append("false alarms on unlabelled records (\(unlabelledAlarms.count)):")
        for prediction in unlabelledAlarms { lines.append("  \(prediction.file) #\(prediction.record) \(prediction.signal)") }
        return lines.joined(separator: "\n")
    }
}
