import ArgumentParser
import Foundation
import LoopHarness
import LoopRuntime
#if canImport(Glibc)
import Glibc
#endif

/// `loopctl bench-decode FILE`: measurement only (benchmarks/ingest). Streams a
/// transcript through `LineReader` and the harness decoder loopd uses, and
/// prints one JSON object: bytes, lines, events, wall and CPU seconds, MB/s and
/// the process's peak RSS. Hidden from help. With `--stage read` or `--stage
/// parse` it stops early, and `events` counts lines (non-empty, or read as an
/// object): the floors under the decoder (docs/performance.md).
struct BenchDecode: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-decode",
        abstract: "Decode a transcript and print throughput figures (benchmarks only).",
        shouldDisplay: false
    )

    @Option(help: "Transcript format: claude-code or codex.")
    var kind: String = "claude-code"

    /// How much of ingest to run, to see where its time goes.
    enum Stage: String, ExpressibleByArgument {
        /// Read the file and split it into lines.
        case read
        /// Also check each line's UTF-8 and build its tape (JSONLine).
        case parse
        /// Also decode: the whole of ingest (events counted).
        case decode
    }

    @Option(help: "read (lines only), parse (lines + UTF-8 check + tape) or decode (everything).")
    var stage: Stage = .decode

    @Argument(help: "A JSONL transcript.")
    var file: String

    func run() throws {
        guard let kind = TranscriptKind(rawValue: kind), var decoder = kind.decoder(path: file) else {
            throw ValidationError("--kind must be claude-code or codex")
        }
        guard FileManager.default.isReadableFile(atPath: file) else {
            throw ValidationError("cannot read \(file)")
        }
        let clock = ContinuousClock()
        let started = clock.now
        let cpuStarted = Self.processCPUSeconds()
        let bytes = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        var lines = 0
        var events = 0
        try LineReader.forEachLine(path: file) { line, number, offset in
            lines = number
            switch stage {
            case .read: events += line.isEmpty ? 0 : 1  // counts non-empty lines; keeps the loop from being optimized away
            case .parse: events += JSONLine.readsAsObject(line) ? 1 : 0
            case .decode: events += decoder.decode(line: line, lineNumber: number, byteOffset: offset).count
            }
        }
        events += decoder.finish().count
        let elapsed = clock.now - started
        let cpu = Self.processCPUSeconds() - cpuStarted
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        let megabytes = Double(bytes) / 1_000_000
        let summary: [String: Any] = [
            "bytes": bytes, "lines": lines, "events": events, "issues": decoder.issues.count,
            "seconds": seconds, "cpuSeconds": cpu,
            "mbPerSecond": megabytes / seconds, "mbPerCPUSecond": megabytes / cpu,
            "peakRSSKB": usage.ru_maxrss,
        ]
        let data = try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }

    /// User + system CPU time of the whole process.
    static func processCPUSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
