#if canImport(Glibc)
import Glibc
#endif

/// File descriptors handed over by systemd socket activation (sd_listen_fds(3)).
///
/// systemd passes listening sockets as fds 3, 4, … and describes them with
/// `$LISTEN_PID` (the process they are meant for), `$LISTEN_FDS` (how many) and
/// optionally `$LISTEN_FDNAMES` (colon-separated `FileDescriptorName=` values).
/// Implemented in plain Swift so it reads the environment it is given.
public enum SocketActivation {
    /// The first passed descriptor (`SD_LISTEN_FDS_START`).
    public static let firstDescriptor: Int32 = 3

    /// The descriptors passed to this process, or `[]` when not socket-activated.
    ///
    /// `$LISTEN_PID` must equal our pid: a child that merely inherited the
    /// environment must not treat its parent's fds as its own. Each returned fd is
    /// marked close-on-exec, as sd_listen_fds does, so it does not leak into
    /// processes we spawn.
    /// - Parameters:
    ///   - environment: normally `ProcessInfo.processInfo.environment`.
    ///   - processID: the pid to compare with `$LISTEN_PID`; defaults to getpid().
    public static func listenFDs(environment: [String: String], processID: Int32 = getpid()) -> [Int32] {
        guard let pidText = environment["LISTEN_PID"], Int32(pidText) == processID,
              let countText = environment["LISTEN_FDS"], let count = Int32(countText), count > 0,
              count <= Int32.max - firstDescriptor
        else { return [] }
        let descriptors = Array(firstDescriptor..<(firstDescriptor + count))
        for descriptor in descriptors {
            let flags = fcntl(descriptor, F_GETFD)
            if flags >= 0 { _ = fcntl(descriptor, F_SETFD, flags | FD_CLOEXEC) }
        }
        return descriptors
    }

    /// The passed descriptors paired with their `FileDescriptorName=` (from `$LISTEN_FDNAMES`);
    /// a descriptor without a name gets `"unknown"`, as sd_listen_fds_with_names(3) does.
    public static func namedListenFDs(
        environment: [String: String],
        processID: Int32 = getpid()
    ) -> [(name: String, descriptor: Int32)] {
        let descriptors = listenFDs(environment: environment, processID: processID)
        let names = (environment["LISTEN_FDNAMES"] ?? "").split(separator: ":", omittingEmptySubsequences: false)
        return descriptors.enumerated().map { index, descriptor in
            let name = index < names.count && !names[index].isEmpty ? String(names[index]) : "unknown"
            return (name, descriptor)
        }
    }
}
