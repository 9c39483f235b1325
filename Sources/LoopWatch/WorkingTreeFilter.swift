/// Decides which paths of a session's working tree are not worth watching.
///
/// Always skipped, at any depth: `.git`, `node_modules`, and SwiftPM's
/// `.build*` folders. When the root is inside a git working tree, paths git
/// ignores are skipped too (asked of git itself, see ``GitIgnoreOracle``).
/// A `.gitignore` passing through ``excludes(_:isDirectory:)`` (as every
/// watcher event does) drops git's cached rules; ``rulesChanged()`` does the
/// same for rules that live elsewhere (`.git/info/exclude`, `core.excludesFile`).
/// Directories skipped under the old rules stay unwatched until the caller
/// watches the tree again.
public struct WorkingTreeFilter: Sendable {
    /// Directory names skipped wherever they appear.
    public static let alwaysSkipped: Set<String> = [".git", "node_modules"]

    public let root: String
    private let git: GitIgnoreOracle?

    /// - Parameters:
    ///   - root: the working tree (a session's cwd).
    ///   - useGit: consult git's ignore rules when `root` is in a git repository.
    public init(root: String, useGit: Bool = true) {
        var root = root
        while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
        self.root = root
        git = useGit && GitIgnoreOracle.isWorkTree(root) ? GitIgnoreOracle(root: root) : nil
    }

    /// Whether the root is a git working tree whose ignore rules are applied.
    public var usesGit: Bool { git != nil }

    /// True when `path` (absolute, at or below `root`) should be neither watched nor reported.
    public func excludes(_ path: String, isDirectory: Bool) -> Bool {
        if path.hasSuffix("/.gitignore") { git?.invalidate() }
        let relative = path.hasPrefix(root + "/") ? path.dropFirst(root.count + 1) : Substring(path)
        for component in relative.split(separator: "/") {
            if Self.alwaysSkipped.contains(String(component)) || component.hasPrefix(".build") { return true }
        }
        guard let git, path != root else { return false }
        return git.isIgnored(path)
    }

    /// Ignore rules changed (a `.gitignore` or `.git/info/exclude` was written): forget cached answers.
    public func rulesChanged() {
        git?.invalidate()
    }

    /// This filter as a ``PathFilter`` for ``InotifyWatcher/watch(directory:recursive:filter:)``.
    public var pathFilter: PathFilter {
        let filter = self
        return PathFilter { path, isDirectory in filter.excludes(path, isDirectory: isDirectory) }
    }
}
