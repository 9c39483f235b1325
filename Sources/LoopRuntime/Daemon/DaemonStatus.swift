import Foundation

/// What `loopd` is doing, written to `$XDG_RUNTIME_DIR/loop/status.json` so
/// `loopctl status` can tell without a socket.
public struct DaemonStatus: Codable, Sendable, Hashable {
    public var pid: Int32
    public var startedAt: String
    public var version: String
    /// Transcript roots being watched (or waited for, when the harness is not installed yet).
    public var transcriptRoots: [String]
    public var transcriptFiles: Int
    public var workingTrees: [String]
    public var lessonsRecorded: Int
    public var lastError: String?
    /// Set when inotify ran out of watches: some trees are not watched.
    public var watchLimitReached: Bool

    public static func path(runtimeDirectory: String) -> String {
        (runtimeDirectory as NSString).appendingPathComponent("status.json")
    }

    public static func read(runtimeDirectory: String) -> DaemonStatus? {
        guard let data = FileManager.default.contents(atPath: path(runtimeDirectory: runtimeDirectory)) else { return nil }
        return try? JSONDecoder().decode(DaemonStatus.self, from: data)
    }

    /// Writes atomically (temp file + rename) so a reader never sees half a file.
    func write(runtimeDirectory: String) throws {
        try FileManager.default.createDirectory(
            atPath: runtimeDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(self).write(to: URL(fileURLWithPath: Self.path(runtimeDirectory: runtimeDirectory)), options: .atomic)
    }

    /// Whether the process that wrote this status is still alive.
    public var isRunning: Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}
