import Foundation
import LoopCore

/// The hub's URL (in config.toml) and the token (in its own 0600 file under
/// `$XDG_CONFIG_HOME/loop/token`, never inside a harness's config).
public struct HubCredentials: Sendable {
    public var paths: LoopPaths

    public init(paths: LoopPaths) { self.paths = paths }

    public var tokenPath: String { (paths.configDir as NSString).appendingPathComponent("token") }
    public var configPath: String { (paths.configDir as NSString).appendingPathComponent("config.toml") }

    public func token() -> String? {
        guard let data = FileManager.default.contents(atPath: tokenPath) else { return nil }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return token.isEmpty ? nil : token
    }

    /// Writes the token with mode 0600 from the start (never world-readable, even briefly).
    public func saveToken(_ token: String) throws {
        try FileManager.default.createDirectory(atPath: paths.configDir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let temporary = tokenPath + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporary]) }
        let bytes = Array((token + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == bytes.count, rename(temporary, tokenPath) == 0 else {
            unlink(temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: tokenPath])
        }
    }

    public func removeToken() throws {
        if FileManager.default.fileExists(atPath: tokenPath) { try FileManager.default.removeItem(atPath: tokenPath) }
    }

    /// Sets `[hub] url` in config.toml by editing that one line (comments and the rest stay).
    public func saveHubURL(_ url: String) throws {
        let existing = FileManager.default.contents(atPath: configPath).map { String(decoding: $0, as: UTF8.self) } ?? ""
        try FileManager.default.createDirectory(atPath: paths.configDir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try TOMLEdit.setString(existing, section: "hub", key: "url", value: url).write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    /// A client, or why there is none.
    public func client(settings: LoopSettings) -> Result<HubClient, NotLoggedIn> {
        guard let raw = settings.hubURL, let url = URL(string: raw) else { return .failure(NotLoggedIn(reason: "no hub is configured")) }
        guard let token = token() else { return .failure(NotLoggedIn(reason: "no token is saved")) }
        return .success(HubClient(baseURL: url, token: token))
    }

    public struct NotLoggedIn: Error, CustomStringConvertible {
        public var reason: String
        public var description: String { "\(reason); run `loopctl login --hub URL` first" }
    }
}
