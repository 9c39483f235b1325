import Foundation
import LoopTestSupport
import Testing

/// The real Claude Code and Codex CLIs installed by `scripts/harness-kit.sh`
/// (`make harness-kit`), and the scripted model server they talk to
/// (`Tests/Interop/model_server.py`). See docs/testing.md.
enum RealHarnessKit {
    /// The kit's virtual environment: `$LOOP_HARNESS_KIT`, else
    /// `${XDG_CACHE_HOME:-$HOME/.cache}/loop-harness-kit/venv` (the script's default).
    static var venv: URL {
        let environment = ProcessInfo.processInfo.environment
        if let override = environment["LOOP_HARNESS_KIT"], !override.isEmpty { return URL(fileURLWithPath: override) }
        let cache = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.cache")
        return URL(fileURLWithPath: cache).appendingPathComponent("loop-harness-kit/venv")
    }

    static var claude: String { venv.appendingPathComponent("bin/claude").path }
    static var codex: String { venv.appendingPathComponent("bin/codex").path }
    static var modelServer: String { Fixtures.repositoryRoot.appendingPathComponent("Tests/Interop/model_server.py").path }

    static var claudeInstalled: Bool { FileManager.default.isExecutableFile(atPath: claude) }
    static var codexInstalled: Bool { FileManager.default.isExecutableFile(atPath: codex) }

    /// How long one CLI run may take before the test kills it and fails.
    static let runTimeout: TimeInterval = 90

    /// The environment of a harness CLI run by the test user: its HOME, the
    /// model server as the API, nothing of the machine's own credentials or
    /// harness settings, and no traffic beyond 127.0.0.1.
    static func environment(for user: TestUser, server: ModelServer) -> [String: String] {
        var environment = user.environment
        for key in environment.keys where key.hasPrefix("ANTHROPIC_") || key.hasPrefix("CLAUDE") || key.hasPrefix("OPENAI_") || key.hasPrefix("CODEX_") {
            environment[key] = nil
        }
        environment["ANTHROPIC_BASE_URL"] = server.baseURL
        environment["ANTHROPIC_API_KEY"] = "sk-ant-scripted-test"
        environment["SCRIPTED_API_KEY"] = "scripted-test"
        environment["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1"
        environment["DISABLE_TELEMETRY"] = "1"
        environment["DISABLE_AUTOUPDATER"] = "1"
        environment["NO_PROXY"] = "127.0.0.1,localhost"
        for key in ["HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy"] { environment[key] = nil }
        return environment
    }

    /// Runs a CLI in `directory` (the harness takes its working tree from the cwd).
    static func run(_ executable: String, _ arguments: [String], in directory: URL, environment: [String: String], logs: URL,
                    timeout: TimeInterval = runTimeout) async throws -> (status: Int32, stdout: String, stderr: String) {
        try await ChildProcess.run("/bin/sh", ["-c", "cd \"$0\" && exec \"$@\"", directory.path, executable] + arguments,
                                   environment: environment, logDirectory: logs, timeout: timeout)
    }

    /// `claude -p PROMPT --output-format json` (and `--resume ID`); returns the parsed result object.
    static func claudePrint(_ prompt: String, resume: String? = nil, in directory: URL, user: TestUser, server: ModelServer,
                            extra: [String] = ["--permission-mode", "acceptEdits"]) async throws -> [String: Any] {
        var arguments = ["-p", prompt, "--output-format", "json"] + extra
        if let resume { arguments += ["--resume", resume] }
        let result = try await run(claude, arguments, in: directory, environment: environment(for: user, server: server), logs: user.root.url)
        #expect(result.status == 0, "claude exited \(result.status): \(result.stderr.suffix(2000)) \(result.stdout.suffix(2000))")
        guard let object = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
            Issue.record("claude printed no JSON result: \(result.stdout.suffix(2000)) \(result.stderr.suffix(2000))")
            return [:]
        }
        #expect(object["is_error"] as? Bool == false, "claude reported an error: \(result.stdout.suffix(2000))")
        return object
    }
}

/// `Tests/Interop/model_server.py` playing one test's script on 127.0.0.1.
final class ModelServer: @unchecked Sendable {
    // @unchecked: used from one test task only.
    let process: ChildProcess
    let stateDirectory: URL
    let port: Int
    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// `turns` as documented in model_server.py.
    init(turns: [[String: Any]], logs: URL) async throws {
        stateDirectory = logs.appendingPathComponent("model-server-\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(at: stateDirectory, withIntermediateDirectories: true)
        let script = stateDirectory.appendingPathComponent("script.json")
        try JSONSerialization.data(withJSONObject: ["turns": turns], options: [.prettyPrinted, .sortedKeys]).write(to: script)
        process = try ChildProcess("/usr/bin/env", ["python3", RealHarnessKit.modelServer, "--script", script.path,
                                                    "--state-dir", stateDirectory.path, "--lifetime", "300"],
                                   environment: ProcessInfo.processInfo.environment, logDirectory: logs)
        let portFile = stateDirectory.appendingPathComponent("port").path
        let started = await eventually(timeout: 10) { FileManager.default.fileExists(atPath: portFile) }
        guard started, let text = try? String(contentsOfFile: portFile, encoding: .utf8), let port = Int(text) else {
            process.signal(SIGKILL)
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "the model server did not start: \(process.stderr)"])
        }
        self.port = port
    }

    struct State {
        var played: Int
        var total: Int
        var failures: [String]
    }

    var state: State {
        let data = FileManager.default.contents(atPath: stateDirectory.appendingPathComponent("state.json").path) ?? Data()
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        return State(played: object["played"] as? Int ?? -1, total: object["total"] as? Int ?? -1, failures: object["failures"] as? [String] ?? ["no state.json"])
    }

    /// Every turn was played, and every expectation about the requests held.
    func expectPlayed(_ count: Int? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        let state = state
        #expect(state.failures.isEmpty, "model server: \(state.failures)", sourceLocation: sourceLocation)
        #expect(state.played == (count ?? state.total), "model server played \(state.played) of \(state.total) turns", sourceLocation: sourceLocation)
    }

    /// SIGKILL: nothing to flush (state.json is replaced after every request),
    /// and a child of the test runner may inherit SIGTERM blocked.
    func stop() async {
        process.signal(SIGKILL)
        _ = await process.wait(timeout: 5)
    }
}

/// A turn of the model server's script.
enum Turn {
    static func tool(_ name: String, _ input: Any, when: String? = nil, unless: String? = nil,
                     expect: [String] = [], expectToolResult: [String] = []) -> [String: Any] {
        var turn: [String: Any] = ["tool_calls": [["name": name, "input": input]]]
        turn.merge(conditions(when: when, unless: unless, expect: expect, expectToolResult: expectToolResult)) { $1 }
        return turn
    }

    static func text(_ text: String, when: String? = nil, unless: String? = nil,
                     expect: [String] = [], expectToolResult: [String] = []) -> [String: Any] {
        var turn: [String: Any] = ["text": text]
        turn.merge(conditions(when: when, unless: unless, expect: expect, expectToolResult: expectToolResult)) { $1 }
        return turn
    }

    static func conditions(when: String?, unless: String?, expect: [String], expectToolResult: [String]) -> [String: Any] {
        var turn: [String: Any] = [:]
        if let when { turn["when"] = when }
        if let unless { turn["unless"] = unless }
        if !expect.isEmpty { turn["expect"] = expect }
        if !expectToolResult.isEmpty { turn["expect_tool_result"] = expectToolResult }
        return turn
    }
}

extension DaemonHarness {
    /// Waits until loopd's status lists `directory` among its watches.
    func waitUntilWatching(_ directory: URL) async -> Bool {
        let status = user.root.appending("run/loop/status.json").path
        return await eventually(timeout: 15) { (try? String(contentsOfFile: status, encoding: .utf8))?.contains(directory.path) == true }
    }

    /// `loopctl show ID --json` as an object.
    func show(_ id: String) async throws -> [String: Any] {
        let result = try await loopctl("show", id, "--json")
        #expect(result.status == 0, "loopctl show: \(result.stderr)")
        return (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]) ?? [:]
    }
}

/// What the real CLIs wrote, checked against loop's decoders (issue 15 e).
enum TranscriptAudit {
    /// Line kinds loop's Claude Code decoder reads (ClaudeCodeDecoder+Skip.swift).
    static let claudeCodeRead: Set<String> = ["user", "assistant", "attachment"]
    /// Kinds known to repeat text the user typed, which the decoder rightly skips
    /// because the `user` line already carries it: the prompt queue, the last
    /// prompt of a session, and (2.1.3xx) the API request as it was sent.
    static let claudeCodeCopies: Set<String> = ["queue-operation", "last-prompt", "api-request-blob"]

    /// Codex: typed text is read from `event_msg user_message`; `response_item`
    /// user messages repeat it (docs/harness-codex.md), and so does a later
    /// `session_meta`/`turn_context` of a resumed session at most.
    static let codexCopies: Set<String> = ["response_item/message", "event_msg/user_message"]

    /// Every line of every transcript decodes without an issue (`loopctl analyze`),
    /// and no line of a kind the decoder does not read carries a prompt the user typed.
    static func check(_ harness: DaemonHarness, root: URL, typed: [String], codex: Bool,
                      sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let analyze = try await harness.loopctl("analyze", root.path, "--json", "--explain")
        #expect(analyze.status == 0, "loopctl analyze failed: \(analyze.stderr)", sourceLocation: sourceLocation)
        #expect(!analyze.stderr.contains("warning:") && !analyze.stderr.contains("unreadable"),
                "the decoder reported issues on what the real CLI wrote: \(analyze.stderr.suffix(3000))", sourceLocation: sourceLocation)
        var lines = 0
        var files = 0
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            guard url.pathExtension == "jsonl" else { continue }
            files += 1
            let text = try String(contentsOf: url, encoding: .utf8)
            for (index, line) in text.split(separator: "\n").enumerated() {
                lines += 1
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                    Issue.record("\(url.lastPathComponent):\(index + 1) is not a JSON object", sourceLocation: sourceLocation)
                    continue
                }
                let type = object["type"] as? String ?? "?"
                let kind: String
                let known: Bool
                if codex {
                    let payloadType = (object["payload"] as? [String: Any])?["type"] as? String
                    kind = payloadType.map { "\(type)/\($0)" } ?? type
                    known = codexCopies.contains(kind)
                } else {
                    kind = type
                    known = claudeCodeRead.contains(type) || claudeCodeCopies.contains(type)
                }
                guard !known else { continue }
                for prompt in typed where line.contains(Self.jsonFragment(prompt)) {
                    Issue.record("\(url.lastPathComponent):\(index + 1): a line of kind \(kind), which loop's decoder does not read, carries typed user text \(prompt.prefix(60))…",
                                 sourceLocation: sourceLocation)
                }
            }
        }
        #expect(files > 0 && lines > 0, "no transcript under \(root.path)", sourceLocation: sourceLocation)
    }

    /// The prompt as it appears inside a JSON string (first 40 characters, escaped).
    static func jsonFragment(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [String(text.prefix(40))], options: [.withoutEscapingSlashes])) ?? Data()
        let encoded = String(decoding: data, as: UTF8.self)  // ["…"]
        return String(encoded.dropFirst(2).dropLast(2))
    }
}

/// The audit itself: typed text in a line kind the decoder does not read fails.
@Suite("real-harness transcript audit", .enabled(if: LoopBinaries.available, "build loopd and loopctl first (make test does)"))
struct RealHarnessAuditTests {
    @Test func typedTextInAnUnreadLineKindIsAnIssue() async throws {
        let harness = try DaemonHarness()
        defer { harness.user.root.remove() }
        let project = try harness.projectDirectory(for: "/w/app")
        let envelope = #""sessionId":"s1","cwd":"/w/app","version":"9.9.9","timestamp":"2026-12-03T10:00:00.000Z""#
        let prompt = "No, the heading goes first"
        try [
            #"{"type":"user",\#(envelope),"uuid":"u1","message":{"role":"user","content":"\#(prompt)"}}"#,
            #"{"type":"last-prompt","lastPrompt":"\#(prompt)","sessionId":"s1"}"#,
            #"{"type":"user-prompt-v9",\#(envelope),"text":"\#(prompt)"}"#,
        ].joined(separator: "\n").appending("\n").write(to: project.appendingPathComponent("s1.jsonl"), atomically: true, encoding: .utf8)
        await withKnownIssue("the line of kind user-prompt-v9 carries the typed prompt") {
            try await TranscriptAudit.check(harness, root: harness.user.claudeProjects, typed: [prompt], codex: false)
        }
    }
}
