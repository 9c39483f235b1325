#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// Asks git whether paths are ignored, through one long-lived
/// `git check-ignore --stdin -z -n -v` process per working tree.
///
/// Git is the only faithful reader of its own rules (nested .gitignore files,
/// negations, `**`, `.git/info/exclude`, `core.excludesFile`, tracked files
/// never being ignored), so nothing is re-implemented here. `-n -v` makes git
/// answer every path, matched or not, so each question gets exactly one
/// answer. Answers are cached; ``invalidate()`` (call it when a `.gitignore`
/// changes) restarts git, which caches the rules it has read.
///
/// If git fails or takes longer than ``answerTimeout``, the path counts as not
/// ignored: reporting a path too many is safer than missing a user's edit.
final class GitIgnoreOracle: Sendable {
    static let answerTimeout: Int32 = 5_000  // milliseconds
    static let cacheLimit = 50_000

    let root: String
    private let state = Mutex(OracleState())

    init(root: String) {
        self.root = root
    }

    /// True when `root` is inside a git working tree (git installed, not bare).
    static func isWorkTree(_ root: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", root, "rev-parse", "--is-inside-work-tree"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 && String(decoding: data, as: UTF8.self).hasPrefix("true")
    }

    func isIgnored(_ path: String) -> Bool {
        state.withLock { state in
            if let cached = state.cache[path] { return cached }
            let answer = state.ask(path, root: root) ?? false
            // A long-running daemon sees many distinct paths: bound the cache.
            if state.cache.count >= Self.cacheLimit { state.cache.removeAll(keepingCapacity: true) }
            state.cache[path] = answer
            return answer
        }
    }

    /// Forgets cached answers and restarts git, so changed ignore rules apply.
    func invalidate() {
        state.withLock { $0.stop() }
    }

    deinit {
        state.withLock { $0.stop() }
    }
}

/// The git process and its pipes. Only touched under the oracle's mutex.
private struct OracleState: ~Copyable {
    var process: Process?
    /// Our end of a socketpair used as git's stdin: `send(MSG_NOSIGNAL)` on it
    /// cannot raise SIGPIPE and kill the daemon if git has died.
    var input: Int32 = -1
    var output: Int32 = -1
    var pending: [UInt8] = []
    var cache: [String: Bool] = [:]

    mutating func ask(_ path: String, root: String) -> Bool? {
        guard !path.utf8.contains(0) else { return nil }
        if process == nil { start(root: root) }
        guard process != nil else { return nil }
        var request = Array(path.utf8)
        request.append(0)
        let sent = request.withUnsafeBytes { send(input, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == request.count, let fields = readFields(4) else {
            stop()
            return nil
        }
        // Fields: source, line number, pattern, path. An empty pattern means no
        // rule matched; a "!" pattern means a negation re-included the path.
        let pattern = fields[2]
        return !pattern.isEmpty && pattern.first != UInt8(ascii: "!")
    }

    /// Reads `count` NUL-terminated fields, waiting at most the answer timeout for each chunk.
    mutating func readFields(_ count: Int) -> [[UInt8]]? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while pending.filter({ $0 == 0 }).count < count {
            var descriptor = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, GitIgnoreOracle.answerTimeout) == 1 else { return nil }
            let got = buffer.withUnsafeMutableBytes { read(output, $0.baseAddress, $0.count) }
            guard got > 0 else { return nil }
            pending.append(contentsOf: buffer[0..<got])
        }
        var fields: [[UInt8]] = []
        for _ in 0..<count {
            let end = pending.firstIndex(of: 0)!
            fields.append(Array(pending[..<end]))
            pending.removeSubrange(...end)
        }
        return fields
    }

    mutating func start(root: String) {
        var sockets: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &sockets) == 0 else {
            return
        }
        let outputPipe = Pipe()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", root, "check-ignore", "--stdin", "-z", "-n", "-v"]
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_FLUSH"] = "1"  // answer each path at once, not when a buffer fills
        process.environment = environment
        process.standardInput = FileHandle(fileDescriptor: sockets[1], closeOnDealloc: false)
        process.standardOutput = outputPipe
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            Glibc.close(sockets[0])
            Glibc.close(sockets[1])
            return
        }
        Glibc.close(sockets[1])
        self.process = process
        input = sockets[0]
        output = dup(outputPipe.fileHandleForReading.fileDescriptor)
        try? outputPipe.fileHandleForReading.close()
        try? outputPipe.fileHandleForWriting.close()
        pending.removeAll()
    }

    mutating func stop() {
        cache.removeAll()
        pending.removeAll()
        guard let process else { return }
        // Closing stdin ends `git check-ignore --stdin`; terminate covers a hung git.
        Glibc.close(input)
        Glibc.close(output)
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        self.process = nil
        input = -1
        output = -1
    }
}
