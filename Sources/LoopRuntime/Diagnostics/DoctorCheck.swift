import Foundation

/// One `loopctl doctor` finding: what was checked, how it went, what was
/// seen, and the command or step that fixes it.
public struct DoctorCheck: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable, Comparable {
        case ok, warn, fail

        public static func < (a: Status, b: Status) -> Bool {
            let order: [Status] = [.ok, .warn, .fail]
            return order.firstIndex(of: a)! < order.firstIndex(of: b)!
        }
    }

    public var name: String
    public var status: Status
    public var detail: String
    /// Empty when there is nothing to fix.
    public var fix: String

    public init(_ name: String, _ status: Status, _ detail: String, fix: String = "") {
        self.name = name
        self.status = status
        self.detail = detail
        self.fix = fix
    }
}

/// Reads a whole small file (a `/proc` or `/proc/sys` entry) as trimmed text.
enum ProcFile {
    static func text(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func integer(_ path: String) -> Int? { text(path).flatMap { Int($0) } }

    /// Permission bits of a path (`lstat`), or nil when it does not exist.
    static func mode(_ path: String) -> mode_t? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return info.st_mode
    }
}
