import Foundation
import LoopTestSupport
import Testing
@testable import LoopRuntime

@Suite("the labelled corpus (make eval)")
struct EvaluationTests {
    let corpus = Fixtures.repositoryRoot.appendingPathComponent("Tests/Eval")

    func labels() throws -> [EvalLabel] {
        try FileManager.default.contentsOfDirectory(atPath: corpus.path).filter { $0.hasSuffix("labels.tsv") }.sorted().flatMap {
            try EvalLabel.parse(String(contentsOf: corpus.appendingPathComponent($0), encoding: .utf8), source: $0)
        }
    }

    @Test func detectorMeetsThePrecisionTargetWithNoSilentFalseAlarm() throws {
        let report = try Evaluator(corpusRoot: corpus, fixturesRoot: Fixtures.root).run(labels: try labels())
        #expect(report.labels >= 40)
        #expect((report.overall.precision ?? 0) >= 0.95, "\(report.text)")
        #expect(report.silentFalseAlarms.isEmpty, "\(report.text)")
        #expect((report.overall.recall ?? 0) >= 0.8, "\(report.text)")
    }

    @Test func scoringCountsEveryKindOfError() {
        let labels = [
            EvalLabel(file: "h/a", record: "1", expect: .lesson, signal: "hand-edit", reason: ""),
            EvalLabel(file: "h/a", record: "2", expect: .silent, signal: "-", reason: ""),
            EvalLabel(file: "h/a", record: "3", expect: .lesson, signal: "revert", reason: ""),
        ]
        let predictions: [EvalReport.Prediction] = [
            .init(file: "h/a", record: "1", signal: "hand-edit", harness: "h"),
            .init(file: "h/a", record: "2", signal: "chat-correction", harness: "h"),
            .init(file: "h/a", record: "9", signal: "revert", harness: "h"),
        ]
        let report = EvalReport(labels: labels, predictions: predictions, files: 1, harnessOf: { _ in "h" })
        #expect(report.overall.truePositives == 1)
        #expect(report.overall.falsePositives == 2)
        #expect(report.overall.falseNegatives == 1)
        #expect(report.silentFalseAlarms.count == 1)
        #expect(report.unlabelledAlarms.count == 1)
        #expect(report.misses.map(\.record) == ["3"])
    }

    @Test func malformedLabelNamesItsLine() {
        #expect(throws: EvalError.self) { try EvalLabel.parse("# c\na\tb\tmaybe\tx\ty\n", source: "l.tsv") }
    }
}
