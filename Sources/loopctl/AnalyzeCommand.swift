import ArgumentParser
import Foundation
import LoopCore
import LoopRuntime

struct Analyze: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run loop's decoder and detector over transcript files, offline. Writes nothing.",
        discussion: """
            PATH may be a transcript (.jsonl), a project folder, or a whole ~/.claude directory. \
            Prints one record per lesson loopd would have recorded; --explain adds the candidates \
            the gates dropped, each with the gate (signal, iteration, attribution, debounce) and the reason. \
            Hand edits need the working tree as it changed, so offline analysis finds rejections and chat corrections.
            """)

    @Argument(help: "Transcript files or directories.")
    var paths: [String]

    @Flag(help: "Also print dropped candidates with the gate and reason.")
    var explain = false

    @OptionGroup var output: OutputOptions

    func validate() throws {
        for path in paths where !FileManager.default.fileExists(atPath: path) {
            throw ValidationError("\(path) does not exist")
        }
    }

    func run() async throws {
        let environment = Context.environment
        let settings = try LoopSettings.load(paths: Context.paths)
        let analyzer = Analyzer(
            config: settings.detectorConfig,
            synthesizer: LessonSynthesizer(redactor: try RedactorFactory.make(settings: settings, machine: MachineIdentity.current(environment: environment)), client: .init(name: "loopctl", version: LoopVersion.current)))
        let progress = ProgressBar.forStandardError()
        let result = analyzer.run(paths: paths.map(absolute), progress: progress.map { bar in { @Sendable in bar.update($0, $1, $2) } })
        progress?.finish()
        let records = explain ? result.records : result.records.filter { $0.verdict == "lesson" }
        for issue in result.issues {
            FileHandle.standardError.write(Data("warning: \(issue)\n".utf8))
        }
        if output.json {
            for record in records { try JSONOutput.line(record) }
        } else {
            for record in records {
                let artifact = record.artifact.map { "\($0.kind):\($0.name)" } ?? "unattributed"
                print("\(record.file):\(record.line)  \(record.signal)  \(artifact)  \(record.verdict)\(record.gate.map { " (\($0))" } ?? "")")
                print("    \(record.verdict == "lesson" ? record.summary : record.reason)")
                if explain, let score = record.score {
                    print("    \(score.explanation)")
                }
            }
        }
        let summary = result.summary
        let dropped = summary.droppedByGate.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        FileHandle.standardError.write(Data("\(summary.files) files, \(summary.sessions) sessions, \(summary.lessons) lessons, dropped: \(dropped.isEmpty ? "none" : dropped)\(summary.unreadableLines > 0 ? ", \(summary.unreadableLines) unreadable lines skipped" : "")\n".utf8))
    }

    func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }
}
