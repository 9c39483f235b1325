import Foundation
import LoopTestSupport

/// Plays an eval scenario (Tests/Eval/scenarios/claude-code/NAME.jsonl and its
/// .edits.json) into a temporary user's Claude Code folder, with the recorded
/// working tree /home/dev/work/app rewritten to `repo`: each agent Write lands
/// on disk just before its result line, each hand edit after its `afterLine`.
struct ScenarioPlayer {
    static let recordedCwd = "/home/dev/work/app"
    let name: String
    let lines: [String]
    let edits: [(afterLine: Int, file: String, content: String)]

    static var directory: URL { Fixtures.repositoryRoot.appendingPathComponent("Tests/Eval/scenarios/claude-code") }

    init(_ name: String, repo: URL) throws {
        self.name = name
        let text = try String(contentsOf: Self.directory.appendingPathComponent(name + ".jsonl"), encoding: .utf8)
        lines = text.split(separator: "\n").map { $0.replacingOccurrences(of: Self.recordedCwd, with: repo.path) }
        let editsURL = Self.directory.appendingPathComponent(name + ".jsonl.edits.json")
        if let data = FileManager.default.contents(atPath: editsURL.path),
           let array = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] {
            edits = array.compactMap { item in
                // Edits that delete the file ("delete": true) are not used by these tests.
                guard let after = item["afterLine"] as? Int, let file = item["file"] as? String, let content = item["content"] as? String
                else { return nil }
                return (after, file.replacingOccurrences(of: Self.recordedCwd, with: repo.path), content)
            }
        } else {
            edits = []
        }
    }

    /// Plays lines `range` (1-based, inclusive) and the hand edits due after them.
    func play(_ range: ClosedRange<Int>, into transcript: TranscriptWriter, pause: Duration = .zero, handEdits: Bool = true) async throws {
        for number in range where number <= lines.count {
            let line = lines[number - 1]
            try Self.applyAgentWrite(line)
            try transcript.append(line)
            for edit in edits where handEdits && edit.afterLine == number {
                if pause > .zero { try await Task.sleep(for: pause) }
                try Self.write(edit.content, to: edit.file)
            }
            if pause > .zero { try await Task.sleep(for: pause) }
        }
    }

    func playAll(into transcript: TranscriptWriter, pause: Duration = .milliseconds(40)) async throws {
        try await play(1...lines.count, into: transcript, pause: pause)
    }

    /// A Write's result carries the file's new content: put it on disk first,
    /// as the agent did before the harness logged the result.
    static func applyAgentWrite(_ line: String) throws {
        guard line.contains("\"toolUseResult\""),
              let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let result = object["toolUseResult"] as? [String: Any],
              let path = result["filePath"] as? String, let content = result["content"] as? String
        else { return }
        try write(content, to: path)
    }

    static func write(_ content: String, to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try content.write(toFile: path, atomically: false, encoding: .utf8)
    }

    /// Where Claude Code would keep this session's transcript.
    func transcriptURL(harness: DaemonHarness, repo: URL) throws -> URL {
        try harness.projectDirectory(for: repo.path).appendingPathComponent(name + ".jsonl")
    }
}

/// Root-only kernel knobs for fault tests, always restored.
enum Sysctl {
    static func read(_ name: String) -> String? {
        guard let data = FileManager.default.contents(atPath: "/proc/sys/" + name.replacingOccurrences(of: ".", with: "/")) else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @discardableResult
    static func write(_ name: String, _ value: String) -> Bool {
        let path = "/proc/sys/" + name.replacingOccurrences(of: ".", with: "/")
        guard let handle = FileHandle(forWritingAtPath: path) else { return false }
        defer { try? handle.close() }
        return (try? handle.write(contentsOf: Data((value + "\n").utf8))) != nil
    }

    /// Sets `name` to `value` for the duration of `body`, then restores it (also on throw).
    /// Returns nil (and prints why) when the knob is not writable (not root, or a container).
    static func with<T>(_ name: String, _ value: String, _ body: () async throws -> T) async rethrows -> T? {
        guard let original = read(name), getuid() == 0, write(name, value) else {
            print("skipped: cannot set \(name) (needs root and a writable /proc/sys)")
            return nil
        }
        defer { write(name, original) }
        return try await body()
    }
}

/// Runs a shell command, returning its status (for mount, python3).
func shell(_ command: String) -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return -1 }
    process.waitUntilExit()
    return process.terminationStatus
}
