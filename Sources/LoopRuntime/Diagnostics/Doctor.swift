import Foundation

/// Every `loopctl doctor` check, in the order they print. Read-only: nothing
/// is created, migrated or repaired; each finding says how to fix it.
public enum Doctor {
    public static func run(paths: LoopPaths, environment: [String: String]) async -> [DoctorCheck] {
        let status = DaemonStatus.read(runtimeDirectory: paths.runtimeDir)
        var checks = [LocalDiagnostics.daemon(status), LocalDiagnostics.socket(runtimeDirectory: paths.runtimeDir)]
        checks.append(config(paths: paths))
        checks.append(LocalDiagnostics.permissions(paths: paths))
        checks.append(InotifyDiagnostics.check(status: status))
        checks += HarnessDiagnostics.all(paths: paths, environment: environment)
        checks.append(LocalDiagnostics.outbox(path: paths.outboxPath))
        checks.append(await HubDiagnostics.check(settings: try? LoopSettings.load(paths: paths), credentials: HubCredentials(paths: paths)))
        checks.append(LocalDiagnostics.disk(stateDirectory: paths.stateDir))
        return checks
    }

    /// config.toml loads (loopd refuses to start otherwise).
    static func config(paths: LoopPaths) -> DoctorCheck {
        do {
            _ = try LoopSettings.load(paths: paths)
            return DoctorCheck("config", .ok, "\((paths.configDir as NSString).appendingPathComponent("config.toml")) is valid (or absent)")
        } catch {
            return DoctorCheck("config", .fail, "\(error)", fix: "fix that line; `loopctl config list` shows every key and its type")
        }
    }
}
