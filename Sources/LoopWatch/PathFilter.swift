/// Decides which paths below a watched directory are left alone.
///
/// An excluded directory is neither watched nor scanned, and no event is
/// reported for an excluded path. The closure runs on the watcher's reader
/// thread, so it must be quick and must not wait on the event stream.
public struct PathFilter: Sendable {
    private let isExcluded: @Sendable (_ path: String, _ isDirectory: Bool) -> Bool

    /// - Parameter isExcluded: returns true for an absolute path that must be skipped.
    public init(_ isExcluded: @escaping @Sendable (_ path: String, _ isDirectory: Bool) -> Bool) {
        self.isExcluded = isExcluded
    }

    public func excludes(_ path: String, isDirectory: Bool) -> Bool {
        isExcluded(path, isDirectory)
    }
}
