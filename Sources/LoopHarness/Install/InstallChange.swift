import Foundation
import LoopCore

/// One file `loopctl install`/`uninstall` would change: its text before and
/// after (nil = absent), and what the manifest records about it.
public struct InstallChange: Sendable, Equatable {
    public var path: String
    public var before: String?
    public var after: String?
    /// For the manifest; nil when uninstalling.
    var entry: InstallManifest.Entry?
    /// Directories to create before writing, outermost first.
    var newDirectories: [String] = []
    /// Directories to remove (if empty) after deleting, deepest first.
    var emptiedDirectories: [String] = []
    /// The mode of the file if it is new (an existing file keeps its own).
    var newFileMode = ConfigFileWriter.privateMode

    public var isNoOp: Bool { before == after }

    /// A unified diff of the change, for `--dry-run`.
    public var diff: String {
        var out = "--- \(before == nil ? "/dev/null" : path)\n+++ \(after == nil ? "/dev/null" : path)\n"
        for hunk in LineDiff.hunks(old: before ?? "", new: after ?? "") {
            out += "@@ -\(hunk.oldStart),\(hunk.oldLines) +\(hunk.newStart),\(hunk.newLines) @@\n"
            out += hunk.lines.joined(separator: "\n") + "\n"
        }
        return out
    }

    /// Writes (or deletes) the file, creating or removing directories around it.
    func apply() throws {
        let files = FileManager.default
        // A new folder for a private file (~/.codex for config.toml) is private too.
        let attributes: [FileAttributeKey: Any]? = newFileMode == ConfigFileWriter.privateMode ? [.posixPermissions: 0o700] : nil
        for directory in newDirectories where !files.fileExists(atPath: directory) {
            try files.createDirectory(atPath: directory, withIntermediateDirectories: false, attributes: attributes)
        }
        if let after {
            try ConfigFileWriter.write(after, to: path, newFileMode: newFileMode)
        } else {
            try ConfigFileWriter.remove(path)
        }
        for directory in emptiedDirectories {
            guard let contents = try? files.contentsOfDirectory(atPath: directory), contents.isEmpty else { break }
            try? files.removeItem(atPath: directory)
        }
    }
}

/// What an install or uninstall would do, and what it leaves alone (and why).
public struct InstallPlan: Sendable {
    public var changes: [InstallChange] = []
    /// Human-readable notes: files kept because the user changed them, conflicts.
    public var notes: [String] = []
    /// Commands to run instead of a file edit (`claude mcp add …`).
    public var commands: [[String]] = []
    var manifest: InstallManifest

    public var isEmpty: Bool { changes.allSatisfy(\.isNoOp) && commands.isEmpty }
}

extension InstallChange {
    /// Directories from the outermost missing one down to `path`'s parent.
    static func missingDirectories(for path: String) -> [String] {
        var missing: [String] = []
        var directory = (path as NSString).deletingLastPathComponent
        while !directory.isEmpty, directory != "/", !FileManager.default.fileExists(atPath: directory) {
            missing.insert(directory, at: 0)
            directory = (directory as NSString).deletingLastPathComponent
        }
        return missing
    }

    static func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }
}
