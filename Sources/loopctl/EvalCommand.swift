import ArgumentParser
import Foundation
import LoopCore
import LoopRuntime

struct Eval: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure the detector's precision and recall on a labelled corpus (make eval).",
        discussion: """
            CORPUS is a folder with scenarios/<harness>/ transcripts (each optionally with a \
            .edits.json file of working-tree changes) and *labels.tsv files: \
            file<TAB>record<TAB>lesson|silent<TAB>signal<TAB>reason. Files named fixtures:<path> are read \
            from --fixtures. Exits 1 when precision is below --min-precision or a silent case raised a lesson.
            """)

    @Argument(help: "The corpus folder (Tests/Eval).")
    var corpus: String

    @Option(help: "The shared fixtures folder.")
    var fixtures: String = "../shared/fixtures"

    @Option(help: "Fail below this overall precision.")
    var minPrecision: Double = 0.95

    func run() async throws {
        let root = URL(fileURLWithPath: corpus)
        var labels: [EvalLabel] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() where name.hasSuffix("labels.tsv") {
            let text = try String(contentsOf: root.appendingPathComponent(name), encoding: .utf8)
            labels += try EvalLabel.parse(text, source: name)
        }
        let report = try Evaluator(corpusRoot: root, fixturesRoot: URL(fileURLWithPath: fixtures)).run(labels: labels)
        print(report.text)
        if (report.overall.precision ?? 1) < minPrecision || !report.silentFalseAlarms.isEmpty {
            throw ExitCode.failure
        }
    }
}
