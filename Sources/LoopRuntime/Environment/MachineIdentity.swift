#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Who and where this process runs: the values the redactor must scrub from
/// anything that leaves the machine (user name, home path, host name).
public struct MachineIdentity: Sendable, Equatable {
    /// The login name: the passwd entry for the real uid, else `$USER`/`$LOGNAME`, else nil.
    public var userName: String?
    /// The home directory, as resolved by ``LoopPaths``.
    public var home: String
    /// The host name from gethostname(2), else `$HOSTNAME`, else nil.
    public var hostName: String?

    public init(userName: String?, home: String, hostName: String?) {
        self.userName = userName
        self.home = home
        self.hostName = hostName
    }

    /// Reads the identity of the running process.
    /// The passwd entry wins over `$USER` because `$USER` is whatever the caller
    /// exported (sudo, su and containers often leave it stale); the environment
    /// is only the fallback when there is no passwd entry (e.g. an arbitrary uid in a container).
    public static func current(environment: [String: String]) -> MachineIdentity {
        let uid = getuid()
        let userName = passwdName(userID: uid) ?? nonEmpty(environment["USER"]) ?? nonEmpty(environment["LOGNAME"])
        let home = LoopPaths(environment: environment, userID: uid).home
        return MachineIdentity(userName: userName, home: home, hostName: hostName() ?? nonEmpty(environment["HOSTNAME"]))
    }

    /// The host name from gethostname(2), or nil if the call fails or returns "".
    public static func hostName() -> String? {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return nil }
        return nonEmpty(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }

    /// The login name of `userID` from the passwd database, or nil.
    static func passwdName(userID: UInt32) -> String? {
        withPasswdEntry(userID: userID) { entry in
            guard let name = entry.pw_name else { return nil }
            return nonEmpty(String(cString: name))
        }
    }

    /// The home directory of `userID` from the passwd database, or nil.
    static func passwdHome(userID: UInt32) -> String? {
        withPasswdEntry(userID: userID) { entry in
            guard let dir = entry.pw_dir else { return nil }
            return nonEmpty(String(cString: dir))
        }
    }

    /// Looks up `userID` with the reentrant getpwuid_r, because getpwuid returns a
    /// pointer into static storage that another thread may overwrite concurrently.
    private static func withPasswdEntry(userID: UInt32, _ body: (passwd) -> String?) -> String? {
        // The entry's strings point into `buffer`, so read them inside the closure
        // that keeps the buffer alive (an `&array` pointer dies with the call).
        var buffer = [CChar](repeating: 0, count: 4096)
        return buffer.withUnsafeMutableBufferPointer { storage -> String? in
            guard let base = storage.baseAddress else { return nil }
            var entry = passwd()
            var result: UnsafeMutablePointer<passwd>?
            let status = getpwuid_r(userID, &entry, base, storage.count, &result)
            guard status == 0, result != nil else { return nil }
            return body(entry)
        }
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}
