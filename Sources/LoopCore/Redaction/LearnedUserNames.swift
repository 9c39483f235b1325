/// The OS user name is personal even when the caller did not say what it is: a home
/// path (`/home/jdoe2025/…`, `/Users/jdoe/…`, `C:\Users\jdoe\…`) gives it away, and the
/// same name then goes wherever else it appears in the texts redacted together.
enum LearnedUserNames {
    /// Account names shared by many machines (`ubuntu`, `runner`, `node`): not personal,
    /// and common words in prose. Their paths are still redacted by the path rule.
    static let shared: Set<String> = [
        "user", "users", "ubuntu", "admin", "administrator", "root", "runner", "vscode", "node", "app", "dev",
        "developer", "ec2-user", "centos", "debian", "fedora", "git", "www-data", "linuxbrew", "shared", "guest",
        "default", "public", "username", "name", "your", "yourname", "youruser", "me", "you", "someone", "example",
        "test", "tester", "build", "builder", "jenkins", "docker", "circleci", "travis", "gitlab-runner", "codespace",
        "coder", "vagrant", "pi", "home", "opc", "azureuser", "cloudshell", "all", "current", "other", "foo", "bar",
    ]

    /// At most this many names per call: a transcript of many users' paths is not one user's.
    static let limit = 8

    /// Names found after the home roots in `texts`, lower-cased, excluding `known`.
    /// One memchr pass per separator (`/`, a backslash), whose hits are checked for both roots.
    static func find(in texts: [String], excluding known: String?) -> [String] {
        var names: [String] = []
        let knownLower = known?.lowercased()
        for text in texts {
            var text = text
            text.withUTF8 { bytes in
                for separator in [UInt8(ascii: "/"), UInt8(ascii: "\\")] {
                    var from = 0
                    while names.count < limit, let at = ByteSearch.firstIndex(of: separator, in: bytes, from: from, to: bytes.count) {
                        from = at + 1
                        let rootEnd: Int
                        if separator == UInt8(ascii: "/"), startsWith("home/", bytes, at + 1) { rootEnd = at + 6 }
                        else if startsWith("Users", bytes, at + 1), at + 6 < bytes.count, bytes[at + 6] == separator { rootEnd = at + 7 }
                        else { continue }
                        if let name = name(in: bytes, from: rootEnd, separator: separator), name != knownLower, !names.contains(name) {
                            names.append(name)
                        }
                    }
                }
            }
        }
        return names
    }

    static func startsWith(_ literal: StaticString, _ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard i + n <= bytes.count else { return false }
        for k in 0..<n where bytes[i + k] != literal.utf8Start[k] { return false }
        return true
    }

    /// The path segment at `start` when it looks like an account name: 3–32 letters,
    /// digits, `.`, `_` or `-`, starting with a letter, followed by the separator or the
    /// end of the path.
    static func name(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, separator: UInt8) -> String? {
        guard start < bytes.count, ByteClass.isLetter(bytes[start]) else { return nil }
        var end = start
        while end < bytes.count, end - start <= 32 {
            let c = bytes[end]
            guard ByteClass.isAlnum(c) || c == UInt8(ascii: ".") || c == UInt8(ascii: "_") || c == UInt8(ascii: "-") else { break }
            end += 1
        }
        guard (3...32).contains(end - start) else { return nil }
        if end < bytes.count {
            let after = bytes[end]
            guard after == separator || ByteClass.isSpace(after) || after == UInt8(ascii: "\"") || after == UInt8(ascii: "'")
                || after == UInt8(ascii: ")") || after == UInt8(ascii: ":") || after == UInt8(ascii: ",") else { return nil }
        }
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self).lowercased()
        return shared.contains(name) ? nil : name
    }
}
