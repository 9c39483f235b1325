/// Absolute paths. Paths under the repository become relative to it; other paths that
/// can name a person or machine (home folders, temp and mount points) become
/// `<path>` plus the file's extension, so the lesson still says what kind of file it was.
/// System paths (`/usr/bin/env`) and URL routes (`/users`, `/api/v1/items`) stay.
extension Scanner {
    static let pathBody = Charset(low: 0x03FFE82000000000, high: 0x47FFFFFE87FFFFFF)  // a-zA-Z0-9._~+@%/-
    static let personalRoots: [StaticString] = [
        "/home/", "/Users/", "/root/", "/tmp/", "/private/", "/var/folders/", "/mnt/", "/media/", "/Volumes/",
        "/srv/", "/work/", "/workspace/", "/workspaces/", "/data/", "/builds/", "/run/user/",
    ]

    mutating func scanPath(_ i: Int) -> Int {
        guard mayStartPersonalPath(i) else { return i + 1 }
        var end = runEnd(from: i, Self.pathBody, limit: 4096)
        while end > i + 1, bytes[end - 1] == UInt8(ascii: ".") { end -= 1 }
        guard end - i >= 2 else { return i + 1 }
        if let root = identity.repositoryRoot, startsWith(root, at: i, end: end) {
            var relative = i + root.count
            if byte(relative) == UInt8(ascii: "/") { relative += 1 }
            let text = relative < end ? String(decoding: UnsafeBufferPointer(rebasing: bytes[relative..<end]), as: UTF8.self) : "."
            add(i, end, "path", .literal(text))
            return end
        }
        let isTilde = bytes[i] == UInt8(ascii: "~")
        let isHome = identity.homeDirectory.map { startsWith($0, at: i, end: end) } ?? false
        var personal = isHome || (isTilde && byte(i + 1) == UInt8(ascii: "/"))
        if !personal {
            for root in Self.personalRoots where matches(root, at: i) { personal = true; break }
        }
        guard personal else { return i + 1 }
        add(i, end, "path", .literal("<path>" + fileExtension(i, end)))
        return end
    }

    /// A cheap first look: routes like `/users` or `/api/v1` are dismissed on their
    /// second byte before any path is measured.
    func mayStartPersonalPath(_ i: Int) -> Bool {
        if let root = identity.repositoryRoot, root.count > 1, byte(i + 1) == root[1] { return true }
        if let home = identity.homeDirectory, home.count > 1, byte(i + 1) == home[1] { return true }
        switch byte(i + 1) {
        case UInt8(ascii: "/"): return bytes[i] == UInt8(ascii: "~")
        case UInt8(ascii: "h"), UInt8(ascii: "U"), UInt8(ascii: "r"), UInt8(ascii: "t"), UInt8(ascii: "p"), UInt8(ascii: "v"),
             UInt8(ascii: "m"), UInt8(ascii: "V"), UInt8(ascii: "s"), UInt8(ascii: "w"), UInt8(ascii: "d"), UInt8(ascii: "b"):
            return bytes[i] == UInt8(ascii: "/")
        default: return false
        }
    }

    func startsWith(_ prefix: [UInt8], at i: Int, end: Int) -> Bool {
        guard !prefix.isEmpty, end - i >= prefix.count else { return false }
        for k in 0..<prefix.count where bytes[i + k] != prefix[k] { return false }
        let after = i + prefix.count
        return after == end || bytes[after] == UInt8(ascii: "/") || prefix.last == UInt8(ascii: "/")
    }

    /// `.swift` of `/a/b/Foo.swift`; empty for folders and dot-files.
    func fileExtension(_ start: Int, _ end: Int) -> String {
        var j = end - 1
        while j > start, bytes[j] != UInt8(ascii: "/") {
            if bytes[j] == UInt8(ascii: "."), bytes[j - 1] != UInt8(ascii: "/"), end - j <= 12 {
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[j..<end]), as: UTF8.self)
            }
            j -= 1
        }
        return ""
    }
}
