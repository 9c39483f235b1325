import ArgumentParser
import Foundation
import LoopCore
import LoopRuntime
#if canImport(Glibc)
import Glibc
#endif

/// `loopctl redact`: the same redactor loopd and loophub run, on files or stdin.
struct Redact: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Redact secrets, personal data and machine names from text.",
        discussion: """
            Prints the redacted text. With --verify, prints the names of the rules that \
            still match and exits with status 1 when any does. Org rules come from the \
            gitleaks-format file named by [redaction] gitleaks_rules in config.toml, or --rules.
            """
    )

    @Flag(help: "Print the rules that still match instead of the redacted text; exit 1 when any does.")
    var verify = false

    @Flag(help: "Print JSON: {\"text\", \"redactions\"} or {\"matches\"}.")
    var json = false

    @Option(help: "A gitleaks-format TOML file with extra rules (overrides config.toml).")
    var rules: String?

    @Option(help: "loop's config.toml (default: $XDG_CONFIG_HOME/loop/config.toml).")
    var config: String?

    @Flag(help: .hidden)
    var stats = false

    @Argument(help: "Files to redact (standard input when none).")
    var files: [String] = []

    func run() async throws {
        do {
            try redactInputs()
        } catch let error as RedactInputError {
            // Status 1 means "still matching" under --verify, so bad input is 2.
            FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }

    private func redactInputs() throws {
        let redactor = try makeRedactor()
        let inputs = try readInputs()
        var anyMatch = false
        for (name, data) in inputs {
            let text = String(decoding: data, as: UTF8.self)
            if verify {
                let matches = redactor.verify(text)
                anyMatch = anyMatch || !matches.isEmpty
                if json {
                    print(try jsonString(["file": name, "matches": matches] as [String: Any]))
                } else {
                    for rule in matches { print(files.isEmpty ? rule : "\(name): \(rule)") }
                }
                continue
            }
            let clock = ContinuousClock()
            let started = clock.now
            let cpuStarted = Self.cpuSeconds()
            let result = redactor.redact([text])
            let cpu = Self.cpuSeconds() - cpuStarted
            let elapsed = clock.now - started
            if stats {
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                let megabytes = Double(data.count) / 1_000_000
                let findings = result.counts.values.reduce(0, +)
                // CPU time is the fair figure on a shared machine; wall time is also given.
                let summary: [String: Any] = [
                    "bytes": data.count, "seconds": seconds, "mbPerSecond": megabytes / seconds,
                    "cpuSeconds": cpu, "mbPerCPUSecond": megabytes / cpu,
                    "findings": findings, "redactions": result.counts,
                ]
                FileHandle.standardError.write(Data((try jsonString(summary) + "\n").utf8))
                continue
            }
            if json {
                print(try jsonString(["text": result.texts[0], "redactions": result.counts] as [String: Any]))
            } else {
                FileHandle.standardOutput.write(Data(result.texts[0].utf8))
            }
        }
        if anyMatch { throw ExitCode(1) }
    }

    private func readInputs() throws -> [(String, Data)] {
        if files.isEmpty { return [("-", FileHandle.standardInput.readDataToEndOfFile())] }
        return try files.map { path in
            guard let data = FileManager.default.contents(atPath: path) else {
                throw RedactInputError("cannot read \(path)")
            }
            return (path, data)
        }
    }

    private func makeRedactor() throws -> Redactor {
        let environment = ProcessInfo.processInfo.environment
        var paths = LoopPaths(environment: environment)
        if let config { paths.configDir = (config as NSString).deletingLastPathComponent }
        do {
            let settings = try LoopSettings.load(paths: paths)
            return try RedactorFactory.make(
                settings: settings, machine: MachineIdentity.current(environment: environment),
                repositoryRoot: Self.repositoryRoot(), rulesOverride: rules)
        } catch {
            throw RedactInputError("\(error)")
        }
    }

    /// CPU time of this thread, so a busy machine does not distort `--stats`.
    static func cpuSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// The nearest folder above the working directory that holds `.git`.
    static func repositoryRoot() -> String? {
        var url = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent(".git").path) { return url.path }
            url.deleteLastPathComponent()
        }
        return nil
    }

    private func jsonString(_ object: [String: Any]) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}

/// A file that cannot be read or parsed: reported without the usage text, since the
/// command line itself was fine.
struct RedactInputError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
