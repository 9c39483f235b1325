import Foundation
import LoopCore

/// `make eval`: runs the real decoders and detector over the labelled corpus
/// (scenario transcripts under Tests/Eval/scenarios and real fixtures) and
/// scores the lessons it would record.
public struct Evaluator: Sendable {
    public var corpusRoot: URL
    public var fixturesRoot: URL
    public var config: DetectorConfig

    public init(corpusRoot: URL, fixturesRoot: URL, config: DetectorConfig = DetectorConfig()) {
        self.corpusRoot = corpusRoot
        self.fixturesRoot = fixturesRoot
        var offline = config
        offline.transcriptLag = 0
        self.config = offline
    }

    public func run(labels: [EvalLabel]) throws -> EvalReport {
        var files = Set(labels.map(\.file))
        let scenarios = corpusRoot.appendingPathComponent("scenarios")
        if let walker = FileManager.default.enumerator(atPath: scenarios.path) {
            for case let relative as String in walker where !relative.hasSuffix(".edits.json") {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: scenarios.appendingPathComponent(relative).path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    files.insert(relative)
                }
            }
        }
        var predictions: [EvalReport.Prediction] = []
        for file in files.sorted() {
            predictions += try predict(file)
        }
        return EvalReport(labels: labels, predictions: predictions, files: files.count, harnessOf: Self.harness(of:))
    }

    /// `claude-code/x.jsonl` → claude-code; `fixtures:transcripts/codex/y.jsonl` → codex.
    static func harness(of file: String) -> String {
        let path = file.hasPrefix("fixtures:") ? String(file.dropFirst("fixtures:".count)) : file
        let parts = path.split(separator: "/")
        if let known = parts.first(where: { part in TranscriptKind.allCases.contains { $0.harness.rawValue == part } }) {
            return String(known)
        }
        return String(parts.first ?? "")
    }

    func url(of file: String) -> URL {
        file.hasPrefix("fixtures:")
            ? fixturesRoot.appendingPathComponent(String(file.dropFirst("fixtures:".count)))
            : corpusRoot.appendingPathComponent("scenarios").appendingPathComponent(file)
    }

    /// The lessons the detector records for one transcript, with its disk edits applied in order.
    func predict(_ file: String) throws -> [EvalReport.Prediction] {
        let path = url(of: file).path
        guard let kind = TranscriptKind.of(path: path) else { throw EvalError("\(file): not a transcript loop can read") }
        var edits: [EvalDiskEdit] = []
        if let data = FileManager.default.contents(atPath: path + ".edits.json") {
            edits = try JSONDecoder().decode([EvalDiskEdit].self, from: data)
        }
        var detector = Detector(config: config)
        var predictions: [EvalReport.Prediction] = []
        let harness = Self.harness(of: file)
        func collect(_ decisions: [Decision]) {
            for decision in decisions where decision.verdict == .lesson {
                let position = decision.candidate.position
                predictions.append(.init(
                    file: file, record: position.line > 0 ? "\(position.line)" : (position.recordID ?? "?"),
                    signal: decision.candidate.signal.rawValue, harness: harness))
            }
        }
        var clock = Date(timeIntervalSince1970: 1_800_000_000)
        var disk: [String: String] = [:]  // what the daemon would read from the working tree
        let issues = try TranscriptKind.forEachRecord(path: path, kind: kind) { events, line, recordID in
            for event in events {
                clock = event.timestamp ?? clock
                var event = event
                if case .agentEdited(let edit) = event.kind, edit.after == nil, let content = disk[edit.file] {
                    event.kind = .agentEdited(EditCompletion.complete(edit, currentContent: content))
                }
                collect(detector.ingest(event, now: clock))
            }
            for edit in edits where (edit.afterLine != nil && edit.afterLine == line && line > 0) || (edit.afterRecord != nil && edit.afterRecord == recordID) {
                if edit.delete == true {
                    disk[edit.file] = nil
                    collect(detector.fileDeleted(path: edit.file, now: clock))
                } else if let content = edit.content {
                    disk[edit.file] = content
                    if edit.agent != true { collect(detector.fileChanged(path: edit.file, content: content, now: clock)) }
                }
            }
        }
        if let issue = issues.first { throw EvalError("\(file): \(issue)") }
        return predictions
    }
}
