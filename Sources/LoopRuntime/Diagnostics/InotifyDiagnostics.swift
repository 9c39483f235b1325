import Foundation

/// inotify limits against what loopd uses: each watched directory costs one
/// watch of `fs.inotify.max_user_watches`, shared by every process of the user.
public enum InotifyDiagnostics {
    public static let raiseWatches = "sudo sysctl fs.inotify.max_user_watches=524288; to keep it, add "
        + "`fs.inotify.max_user_watches = 524288` to /etc/sysctl.d/90-loop-inotify.conf"

    /// Watches a process holds: the `inotify wd:` lines of its inotify fds'
    /// `/proc/<pid>/fdinfo` entries. nil when the process cannot be inspected.
    public static func watchesInUse(pid: Int32, proc: String = "/proc") -> Int? {
        let fdDirectory = "\(proc)/\(pid)/fd"
        guard let fds = try? FileManager.default.contentsOfDirectory(atPath: fdDirectory) else { return nil }
        var total = 0
        for fd in fds {
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "\(fdDirectory)/\(fd)"),
                  target == "anon_inode:inotify", let info = ProcFile.text("\(proc)/\(pid)/fdinfo/\(fd)") else { continue }
            total += countWatches(fdinfo: info)
        }
        return total
    }

    static func countWatches(fdinfo: String) -> Int {
        fdinfo.split(separator: "\n").filter { $0.hasPrefix("inotify wd:") }.count
    }

    /// The check, from the numbers (pure, so it is tested without a kernel).
    /// Warns above 80 % of the watch limit; fails when loopd reported the limit reached.
    public static func check(maxWatches: Int?, maxInstances: Int?, inUse: Int?, limitReported: Bool) -> DoctorCheck {
        guard let maxWatches else {
            return DoctorCheck("inotify", .warn, "cannot read /proc/sys/fs/inotify/max_user_watches")
        }
        let instances = maxInstances.map { ", max_user_instances \($0)" } ?? ""
        if limitReported {
            return DoctorCheck("inotify", .fail, "loopd ran out of inotify watches (limit \(maxWatches)); some trees are not watched",
                               fix: raiseWatches + ", then restart loopd")
        }
        guard let inUse else {
            return DoctorCheck("inotify", .ok, "max_user_watches \(maxWatches)\(instances); loopd not running, usage unknown")
        }
        let detail = "loopd uses \(inUse) of \(maxWatches) watches\(instances)"
        if inUse * 5 > maxWatches * 4 {
            return DoctorCheck("inotify", .warn, detail + " (over 80 %)", fix: raiseWatches)
        }
        return DoctorCheck("inotify", .ok, detail)
    }

    /// Reads the limits and loopd's usage from the running system.
    public static func check(status: DaemonStatus?) -> DoctorCheck {
        let running = status.flatMap { $0.isRunning ? $0 : nil }
        return check(
            maxWatches: ProcFile.integer("/proc/sys/fs/inotify/max_user_watches"),
            maxInstances: ProcFile.integer("/proc/sys/fs/inotify/max_user_instances"),
            inUse: running.flatMap { watchesInUse(pid: $0.pid) },
            limitReported: running?.watchLimitReached ?? false)
    }
}
