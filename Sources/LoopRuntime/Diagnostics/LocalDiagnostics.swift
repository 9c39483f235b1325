import Foundation
import LoopMCP
import LoopStore

/// Checks of loop's own files and process: daemon, socket, permissions, outbox, disk.
public enum LocalDiagnostics {
    public static func daemon(_ status: DaemonStatus?) -> DoctorCheck {
        guard let status else {
            return DoctorCheck("daemon", .fail, "loopd has not run (no status.json)",
                               fix: "systemctl --user enable --now loopd.service (or `loopctl service install`), or run `loopd`")
        }
        guard status.isRunning else {
            return DoctorCheck("daemon", .fail, "loopd is not running (last pid \(status.pid))",
                               fix: "systemctl --user restart loopd.service; see `journalctl --user -u loopd -p warning`")
        }
        if let error = status.lastError {
            return DoctorCheck("daemon", .warn, "loopd is running (pid \(status.pid)); last error: \(error)",
                               fix: "see `journalctl --user -u loopd -p warning`")
        }
        return DoctorCheck("daemon", .ok, "loopd is running (pid \(status.pid), since \(status.startedAt))")
    }

    /// The MCP socket: 0600 in a 0700 directory (DESIGN: other users must not connect).
    public static func socket(runtimeDirectory: String) -> DoctorCheck {
        let path = (runtimeDirectory as NSString).appendingPathComponent("loopd.sock")
        // The check every client makes before it talks (DaemonSocket): the
        // directories, the file and the process serving it must all be ours.
        let connection = Result { () throws(DaemonSocket.Failure) in try DaemonSocket.connect(path: path) }
        switch connection {
        case .success(let descriptor): close(descriptor)
        case .failure(let failure) where failure.kind == .untrusted:
            return DoctorCheck("socket", .fail, failure.description,
                               fix: "remove what another user put there (as root), or set XDG_RUNTIME_DIR to a directory only you can write")
        case .failure: break
        }
        guard let mode = ProcFile.mode(path), mode & S_IFMT == S_IFSOCK else {
            return DoctorCheck("socket", .warn, "no socket at \(path) (MCP endpoint not running)",
                               fix: "systemctl --user enable --now loopd.socket")
        }
        let directoryMode = ProcFile.mode(runtimeDirectory).map { $0 & 0o777 } ?? 0
        if mode & 0o777 != 0o600 || directoryMode != 0o700 {
            return DoctorCheck("socket", .fail, String(format: "%@ has mode %o in a directory with mode %o", path, mode & 0o777, directoryMode),
                               fix: "chmod 700 \(runtimeDirectory) && chmod 600 \(path)")
        }
        return DoctorCheck("socket", .ok, "\(path) (0600, directory 0700)")
    }

    /// Lessons and evidence describe the user's work: only the user may read them.
    public static func permissions(paths: LoopPaths) -> DoctorCheck {
        let token = HubCredentials(paths: paths).tokenPath
        var problems: [String] = []
        var fixes: [String] = []
        for (path, wanted) in [(paths.stateDir, mode_t(0o700)), (paths.configDir, 0o700), (token, 0o600)] {
            guard let mode = ProcFile.mode(path) else { continue }
            if mode & 0o077 != 0 {
                problems.append(String(format: "%@ is %o", path, mode & 0o777))
                fixes.append(String(format: "chmod %o %@", wanted, path))
            }
        }
        if access(paths.stateDir, W_OK) != 0, FileManager.default.fileExists(atPath: paths.stateDir) {
            problems.append("\(paths.stateDir) is not writable")
            fixes.append("check the mount and owner of \(paths.stateDir)")
        }
        guard problems.isEmpty else {
            return DoctorCheck("permissions", .fail, problems.joined(separator: "; "), fix: fixes.joined(separator: " && "))
        }
        return DoctorCheck("permissions", .ok, "state, config and token readable by you only")
    }

    public static func outbox(path: String) -> DoctorCheck {
        guard FileManager.default.fileExists(atPath: path) else {
            return DoctorCheck("outbox", .ok, "no outbox yet at \(path) (created on the first lesson)")
        }
        do {
            let result = try Outbox.integrityCheck(path: path)
            if result == ["ok"] { return DoctorCheck("outbox", .ok, "\(path): integrity_check ok") }
            // Tampering is not corruption: recovering would launder the rewritten rows.
            let tampered = result.contains { $0.hasPrefix("tampered:") }
            let fix = tampered
                ? "something outside loop changed the outbox: send nothing (`loopctl list --state approved`, then decline what you did not approve), keep a copy of \(path) for inspection, and check which process can write it"
                : "stop loopd, copy the file aside, then `sqlite3 \(path) .recover | sqlite3 recovered.sqlite3`"
            return DoctorCheck("outbox", .fail, "\(path): " + result.prefix(5).joined(separator: "; "), fix: fix)
        } catch {
            return DoctorCheck("outbox", .fail, "\(error)", fix: "check that \(path) is readable and not locked; see docs/faults.md")
        }
    }

    /// Free space where the outbox lives: below 100 MB warn, below 10 MB fail.
    public static func disk(stateDirectory: String) -> DoctorCheck {
        var directory = stateDirectory
        while !FileManager.default.fileExists(atPath: directory) && directory != "/" {
            directory = (directory as NSString).deletingLastPathComponent
        }
        var info = statvfs()
        guard statvfs(directory, &info) == 0 else {
            return DoctorCheck("disk", .warn, "cannot statvfs \(directory): \(String(cString: strerror(errno)))")
        }
        return disk(freeBytes: UInt64(info.f_bavail) * UInt64(info.f_frsize), readOnly: info.f_flag & UInt(ST_RDONLY) != 0, directory: directory)
    }

    static func disk(freeBytes: UInt64, readOnly: Bool, directory: String) -> DoctorCheck {
        let megabytes = freeBytes / 1_000_000
        if readOnly {
            return DoctorCheck("disk", .fail, "\(directory) is on a read-only file system", fix: "remount it read-write")
        }
        if megabytes < 10 {
            return DoctorCheck("disk", .fail, "\(megabytes) MB free for \(directory)", fix: "free space on that file system; loopd retries lessons it could not store")
        }
        if megabytes < 100 {
            return DoctorCheck("disk", .warn, "\(megabytes) MB free for \(directory)", fix: "free space on that file system")
        }
        return DoctorCheck("disk", .ok, "\(megabytes) MB free for \(directory)")
    }
}
