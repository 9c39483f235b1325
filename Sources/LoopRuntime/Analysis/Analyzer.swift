import Foundation
import LoopCore

/// `loopctl analyze`: the daemon's decoder and detector run offline over
/// transcript files. Writes nothing; returns what the daemon would have found.
public struct Analyzer: Sendable {
    public var config: DetectorConfig
    public var synthesizer: LessonSynthesizer

    public init(config: DetectorConfig, synthesizer: LessonSynthesizer) {
        var offline = config
        offline.transcriptLag = 0  // nothing lags in a file that is already written
        self.config = offline
        self.synthesizer = synthesizer
    }

    public struct Result: Sendable {
        public var records: [AnalyzeRecord] = []
        public var summary = AnalyzeSummary()
        /// Lines that could not be read, as `path:line: message`.
        public var issues: [String] = []
    }

    /// Analyzes transcripts at `paths` (files, or directories searched for
    /// `.jsonl` transcripts). `progress` is told each file as it starts.
    public func run(paths: [String], progress: (@Sendable (Int, Int, String) -> Void)? = nil) -> Result {
        var result = Result()
        var detector = Detector(config: config)
        var sessions = Set<String>()
        let files = TranscriptDiscovery.transcripts(in: paths)
        for (index, (file, kind)) in files.enumerated() {
            progress?(index, files.count, file)
            result.summary.files += 1
            do {
                let issues = try TranscriptKind.forEachRecord(path: file, kind: kind) { events, _, _ in
                    for event in events {
                        sessions.insert(event.sessionID)
                        for decision in detector.ingest(event, now: event.timestamp ?? Date(timeIntervalSince1970: 0)) {
                            record(decision, into: &result)
                        }
                    }
                }
                result.issues += issues.map(\.description)
                result.summary.unreadableLines += issues.count
            } catch {
                result.issues.append("\(file): \(error)")
            }
        }
        result.summary.sessions = sessions.count
        return result
    }

    private func record(_ decision: Decision, into result: inout Result) {
        // A fixed id and the candidate's own time keep analysis deterministic.
        let (lesson, _) = synthesizer.synthesize(decision.candidate, id: "analysis", now: decision.candidate.observedAt)
        let record = AnalyzeRecord(decision: decision, lesson: lesson)
        if let gate = record.gate {
            result.summary.droppedByGate[gate, default: 0] += 1
        } else {
            result.summary.lessons += 1
        }
        result.records.append(record)
    }
}
