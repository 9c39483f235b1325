import Foundation

/// What `loopctl service install|uninstall` writes and runs, as pure values:
/// the unit text for a given loopd path, where user units live, and the
/// systemctl commands, so the command itself only does the I/O.
public enum ServiceUnits {
    public static let serviceName = "loopd.service"

    /// `$XDG_CONFIG_HOME/systemd/user` (default `~/.config/systemd/user`), where
    /// the user manager looks for units an administrator did not ship.
    public static func unitDirectory(environment: [String: String], home: String) -> String {
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? home + "/.config"
        return config + "/systemd/user"
    }

    /// The embedded unit with `ExecStart=` pointing at `binary`. A path with a
    /// space or quote is quoted the way systemd.service(5) parses command lines.
    public static func serviceUnit(binary: String) -> String {
        let needsQuotes = binary.contains { $0 == " " || $0 == "\"" || $0 == "\\" || $0 == "'" }
        let escaped = binary.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        let exec = "ExecStart=" + (needsQuotes ? "\"\(escaped)\"" : binary)
        let lines = EmbeddedUnits.loopdService.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("ExecStart=") ? exec : String($0) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Run after writing the unit.
    public static let installCommands = [
        ["systemctl", "--user", "daemon-reload"],
        ["systemctl", "--user", "enable", "--now", serviceName],
    ]

    /// Run before removing the unit (stop first, so nothing runs from a deleted file).
    public static let stopCommands = [["systemctl", "--user", "disable", "--now", serviceName]]
    /// Run after removing it.
    public static let reloadCommands = [["systemctl", "--user", "daemon-reload"]]

    /// `systemctl --user is-system-running` prints a state when a user manager
    /// answers (its exit status is non-zero for "degraded", which still works);
    /// without one it fails to connect and prints nothing useful on stdout.
    public static func userManagerAnswered(stdout: String) -> Bool {
        let state = stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return ["running", "degraded", "starting", "initializing", "maintenance"].contains(state)
    }

    /// A command as the user would type it.
    public static func shellLine(_ command: [String]) -> String {
        command.joined(separator: " ")
    }
}
