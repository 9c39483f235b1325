import Foundation
import LoopHarness

/// Which harnesses are installed and which version last wrote a transcript,
/// so a format change shows up as "harness X.Y" next to a silent decoder.
/// Read-only: only the newest transcript's first lines are read.
public enum HarnessDiagnostics {
    public static func all(paths: LoopPaths, environment: [String: String]) -> [DoctorCheck] {
        [claudeCode(paths: paths), codex(paths: paths), openCode(paths: paths, environment: environment)]
    }

    static func claudeCode(paths: LoopPaths) -> DoctorCheck {
        let name = "harness claude-code"
        guard FileManager.default.fileExists(atPath: paths.claudeConfigDir) else {
            return DoctorCheck(name, .ok, "not installed (\(paths.claudeConfigDir) absent)")
        }
        guard let newest = newestFile(under: paths.claudeProjectsDir, where: { $0.hasSuffix(".jsonl") && !$0.contains("/subagents/") }) else {
            return DoctorCheck(name, .ok, "installed; no transcripts yet in \(paths.claudeProjectsDir)")
        }
        let version = firstValue(in: newest, key: "version", requiring: nil)
        return DoctorCheck(name, .ok, "version \(version ?? "unknown") (newest transcript \(newest))")
    }

    static func codex(paths: LoopPaths) -> DoctorCheck {
        let name = "harness codex"
        guard FileManager.default.fileExists(atPath: paths.codexHome) else {
            return DoctorCheck(name, .ok, "not installed (\(paths.codexHome) absent)")
        }
        let sessions = (paths.codexHome as NSString).appendingPathComponent("sessions")
        guard let newest = newestFile(under: sessions, where: { ($0 as NSString).lastPathComponent.hasPrefix("rollout-") && $0.hasSuffix(".jsonl") }) else {
            return DoctorCheck(name, .ok, "installed; no rollouts yet in \(sessions)")
        }
        let version = firstValue(in: newest, key: "cli_version", requiring: "session_meta")
        return DoctorCheck(name, .ok, "version \(version ?? "unknown") (newest rollout \(newest))")
    }

    static func openCode(paths: LoopPaths, environment: [String: String]) -> DoctorCheck {
        let name = "harness opencode"
        let layout = OpenCodeLayout(environment: environment, home: paths.home)
        guard FileManager.default.fileExists(atPath: layout.databasePath) else {
            let installed = FileManager.default.fileExists(atPath: layout.dataDirectory)
            return DoctorCheck(name, .ok, installed ? "installed; no database (\(layout.databasePath)); pre-1.2 storage is not watched" : "not installed")
        }
        do {
            let version = try OpenCodeDatabaseVersion.newestSessionVersion(databasePath: layout.databasePath)
            return DoctorCheck(name, .ok, "version \(version ?? "unknown") (database \(layout.databasePath))")
        } catch {
            return DoctorCheck(name, .warn, "cannot read \(layout.databasePath) read-only: \(error)",
                               fix: "start OpenCode once (it creates the -wal/-shm files), then run doctor again")
        }
    }

    static func newestFile(under root: String, where accept: (String) -> Bool) -> String? {
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return nil }
        var best: (path: String, date: Date)?
        for case let relative as String in enumerator {
            let path = (root as NSString).appendingPathComponent(relative)
            guard accept(path), let date = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date else { continue }
            if best == nil || date > best!.date { best = (path, date) }
        }
        return best?.path
    }

    /// The first string value of `key` in the first 200 lines, at the top level or under
    /// `payload`; with `requiring`, only in records of that `type`.
    static func firstValue(in path: String, key: String, requiring type: String?) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 1 << 20)) ?? Data()
        for line in head.split(separator: UInt8(ascii: "\n")).prefix(200) {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else { continue }
            if let type, object["type"] as? String != type { continue }
            if let value = object[key] as? String { return value }
            if let value = (object["payload"] as? [String: Any])?[key] as? String { return value }
        }
        return nil
    }
}
