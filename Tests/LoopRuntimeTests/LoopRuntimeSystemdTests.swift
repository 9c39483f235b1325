// Unit tests for LoopRuntime's Systemd/ and Environment/ folders.
import Foundation
import Logging
import LoopTestSupport
@testable import LoopRuntime
import Testing

@Suite struct LoopPathsTests {
    @Test func defaultsFollowXDGBelowHome() {
        let paths = LoopPaths(environment: ["HOME": "/home/ada"], userID: 1000)
        #expect(paths.home == "/home/ada")
        #expect(paths.configDir == "/home/ada/.config/loop")
        #expect(paths.stateDir == "/home/ada/.local/state/loop")
        #expect(paths.runtimeDir == "/tmp/loop-1000/loop")
        #expect(paths.outboxPath == "/home/ada/.local/state/loop/outbox.sqlite3")
        #expect(paths.claudeConfigDir == "/home/ada/.claude")
        #expect(paths.claudeProjectsDir == "/home/ada/.claude/projects")
        #expect(paths.codexHome == "/home/ada/.codex")
    }

    @Test func environmentOverridesWin() {
        let paths = LoopPaths(environment: [
            "HOME": "/home/ada", "XDG_CONFIG_HOME": "/cfg/", "XDG_STATE_HOME": "/st",
            "XDG_RUNTIME_DIR": "/run/user/1000", "CLAUDE_CONFIG_DIR": "/c", "CODEX_HOME": "/x",
        ], userID: 1000)
        #expect(paths.configDir == "/cfg/loop")
        #expect(paths.stateDir == "/st/loop")
        #expect(paths.runtimeDir == "/run/user/1000/loop")
        #expect(paths.outboxPath == "/st/loop/outbox.sqlite3")
        #expect(paths.claudeProjectsDir == "/c/projects")
        #expect(paths.codexHome == "/x")
    }

    @Test func relativeAndEmptyValuesAreIgnored() {
        let paths = LoopPaths(environment: ["HOME": "/h", "XDG_STATE_HOME": "rel", "XDG_CONFIG_HOME": ""], userID: 5)
        #expect(paths.stateDir == "/h/.local/state/loop")
        #expect(paths.configDir == "/h/.config/loop")
    }

    @Test func missingHomeFallsBackToPasswd() {
        let paths = LoopPaths(environment: [:])
        #expect(paths.home.hasPrefix("/"))
    }

    @Test func machineIdentityHasHostAndHome() {
        let identity = MachineIdentity.current(environment: ["HOME": "/h"])
        #expect(identity.home == "/h")
        #expect(identity.hostName?.isEmpty == false)
        #expect(identity.userName?.isEmpty == false)
    }
}

@Suite struct JournalFieldTests {
    @Test(arguments: [
        ("loop.session.id", "LOOP_SESSION_ID"), ("_private", "PRIVATE"), ("9lives", "F_9LIVES"),
        ("a-b c", "A_B_C"), ("___", nil), ("ü", "_"),
    ] as [(String, String?)])
    func metadataKeysBecomeJournalFieldNames(key: String, expected: String?) {
        let name = JournalLogHandler.journalFieldName(key)
        if key == "ü" { #expect(name == nil) } else { #expect(name == expected) }
    }

    @Test func entryCarriesStandardAndMetadataFields() {
        let event = LogEvent(level: .warning, message: "two\nlines", metadata: nil, source: nil,
                             file: "F.swift", function: "f()", line: 7)
        let fields = JournalLogHandler.fields(for: event, label: "loop.x", identifier: "loopd",
                                              metadata: ["loop.lesson.id": "L1", "message": "spoof"])
        #expect(fields == ["MESSAGE=two\nlines", "PRIORITY=4", "SYSLOG_IDENTIFIER=loopd", "CODE_FILE=F.swift",
                           "CODE_LINE=7", "CODE_FUNC=f()", "LOOP_LOGGER=loop.x", "LOOP_LESSON_ID=L1",
                           "META_MESSAGE=spoof"])
    }
}

@Suite struct LogHandlerContractTests {
    /// swift-log's documented value-semantics test, without bootstrapping the global system.
    @Test(arguments: ["stderr", "journal"])
    func levelAndMetadataBehaveAsValues(kind: String) {
        var logger1 = Logger(label: "first") { label in
            kind == "stderr" ? StderrLogHandler(label: label) as any LogHandler : JournalLogHandler(label: label)
        }
        logger1.logLevel = .debug
        logger1[metadataKey: "only-on"] = "first"
        var logger2 = logger1
        logger2.logLevel = .error
        logger2[metadataKey: "only-on"] = "second"
        #expect(logger1.logLevel == .debug)
        #expect(logger2.logLevel == .error)
        #expect(logger1[metadataKey: "only-on"] == "first")
        #expect(logger2[metadataKey: "only-on"] == "second")
    }

    @Test func stderrLineFormat() {
        let line = StderrLogHandler.formatLine(timestamp: "T", level: .info, label: "loopd", message: "hi",
                                               metadata: ["b": "x y", "a": "1", "c": "q\"e"])
        #expect(line == "T info loopd: hi a=1 b=\"x y\" c=\"q\\\"e\"\n")
        #expect(StderrLogHandler.formatLine(timestamp: "T", level: .error, label: "l", message: "m", metadata: [:])
            == "T error l: m\n")
    }

    @Test func timestampIsISO8601UTCWithMilliseconds() {
        let stamp = StderrLogHandler.timestamp()
        #expect(stamp.count == 24)
        #expect(stamp.hasSuffix("Z"))
        #expect(Array(stamp)[10] == "T")
    }

    @Test func destinationIsStderrWithoutMatchingJournalStream() {
        #expect(LoopLogging.destination(environment: [:]) == .stderr)
        #expect(LoopLogging.destination(environment: ["JOURNAL_STREAM": "garbage"]) == .stderr)
        #expect(LoopLogging.destination(environment: ["JOURNAL_STREAM": "1:1"]) == .stderr)
    }
}

@Suite struct NotifierTests {
    @Test func disabledWithoutNotifySocket() {
        let notifier = SystemdNotifier(environment: [:])
        #expect(!notifier.isEnabled)
        #expect(!notifier.ready())
        #expect(!SystemdNotifier(environment: ["NOTIFY_SOCKET": "relative"]).isEnabled)
    }

    @Test func missingSocketIsIgnored() {
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": "/nonexistent/notify"])
        #expect(notifier.isEnabled)
        #expect(!notifier.status("x"))
        #expect(!SystemdNotifier(environment: ["NOTIFY_SOCKET": "/" + String(repeating: "a", count: 200)]).ready())
    }

    @Test(arguments: [false, true])
    func sendsDatagramsToPathAndAbstractSockets(abstract: Bool) throws {
        let listener = try DatagramListener(abstract: abstract)
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.address])
        #expect(notifier.ready(status: "watching\n3 files"))
        #expect(listener.receive() == "READY=1\nSTATUS=watching 3 files")
        #expect(notifier.status("idle"))
        #expect(listener.receive() == "STATUS=idle")
        #expect(notifier.watchdog())
        #expect(listener.receive() == "WATCHDOG=1")
        #expect(notifier.stopping())
        #expect(listener.receive() == "STOPPING=1")
    }

    @Test func watchdogIntervalIsHalfOfWatchdogUsecForUs() {
        let mine = SystemdNotifier(environment: ["WATCHDOG_USEC": "10000000", "WATCHDOG_PID": "\(getpid())"])
        #expect(mine.watchdogInterval == .seconds(5))
        #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "10", "WATCHDOG_PID": "1"]).watchdogInterval == nil)
        #expect(SystemdNotifier(environment: [:]).watchdogInterval == nil)
    }
}

@Suite struct SocketActivationTests {
    @Test func onlyForOurPid() {
        #expect(SocketActivation.listenFDs(environment: ["LISTEN_PID": "1", "LISTEN_FDS": "2"]) == [])
        #expect(SocketActivation.listenFDs(environment: [:]) == [])
        #expect(SocketActivation.listenFDs(environment: ["LISTEN_PID": "\(getpid())", "LISTEN_FDS": "x"]) == [])
    }

    @Test func countsFromThreeWithNames() {
        let env = ["LISTEN_PID": "42", "LISTEN_FDS": "2", "LISTEN_FDNAMES": "mcp"]
        #expect(SocketActivation.listenFDs(environment: env, processID: 42) == [3, 4])
        let named = SocketActivation.namedListenFDs(environment: env, processID: 42)
        #expect(named.map(\.name) == ["mcp", "unknown"])
        #expect(named.map(\.descriptor) == [3, 4])
    }
}

@Suite(.enabled(if: LoopBinaries.available, "build loopd first (make test does)"))
struct LoopdLifecycleTests {
    /// The real loopd under a fake NOTIFY_SOCKET: READY once it watches, then
    /// STOPPING and exit 0 on SIGTERM or SIGINT. (Signals aimed at the test
    /// process itself would be discarded: the runner's main thread does not block them.)
    @Test(arguments: [SIGTERM, SIGINT])
    func loopdNotifiesAndStopsGracefully(signalNumber: Int32) throws {
        let user = try TestUser()
        defer { user.root.remove() }
        let listener = try DatagramListener(abstract: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: LoopBinaries.path("loopd"))
        var environment = user.environment
        environment["NOTIFY_SOCKET"] = listener.address
        process.environment = environment
        process.standardError = FileHandle.nullDevice
        try process.run()
        let ready = listener.receive()
        #expect(ready == "READY=1\nSTATUS=watching 0 harnesses, 0 files, 0 pending", "\(ready ?? "nothing")")
        kill(process.processIdentifier, signalNumber)
        #expect(listener.receive()?.hasPrefix("STOPPING=1") == true)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(process.terminationReason == .exit)
    }
}

/// Minimal receiver for the notifier test (the EndToEndTests target has the full SystemdNotifyListener).
final class DatagramListener {
    let address: String
    private let descriptor: Int32
    init(abstract: Bool) throws {
        address = abstract ? "@loop-rt-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            : NSTemporaryDirectory() + "loop-rt-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).sock"
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var storage = sockaddr_un()
        storage.sun_family = sa_family_t(AF_UNIX)
        var bytes = Array(address.utf8)
        if abstract { bytes[0] = 0 }
        withUnsafeMutableBytes(of: &storage.sun_path) { $0.copyBytes(from: bytes) }
        let length = socklen_t(2 + bytes.count + (abstract ? 0 : 1))
        let result = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard result == 0 else { throw POSIXError(.EADDRINUSE) }
    }
    deinit {
        close(descriptor)
        if !address.hasPrefix("@") { unlink(address) }
    }
    func receive() -> String? {
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&request, 1, 5000) == 1 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        return count >= 0 ? String(decoding: buffer.prefix(count), as: UTF8.self) : nil
    }
}
