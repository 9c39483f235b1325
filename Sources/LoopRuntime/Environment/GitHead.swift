import Foundation

/// The commit a working tree has checked out, for a lesson's evidence.
///
/// Read from the repository's files instead of running `git rev-parse HEAD`:
/// starting a process cost loopd several milliseconds of every save-to-lesson
/// (docs/performance.md), and the answer is three small reads away. Handles a
/// `.git` folder, a `.git` file (`gitdir:` of a linked worktree or submodule,
/// with `commondir` for shared refs), loose refs, `packed-refs`, and a
/// detached HEAD. Anything else (reftable, a ref that resolves nowhere, no
/// repository) is nil: the evidence simply has no commit.
enum GitHead {
    static func commit(of directory: String) -> String? {
        guard let gitDirectory = gitDirectory(containing: directory),
              let head = read(gitDirectory + "/HEAD") else { return nil }
        return resolve(head: head, gitDirectory: gitDirectory)
    }

    /// The `.git` folder of the repository that contains `directory`, walking up.
    static func gitDirectory(containing directory: String) -> String? {
        var current = URL(fileURLWithPath: directory).standardizedFileURL.path
        while true {
            let candidate = current == "/" ? "/.git" : current + "/.git"
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory) {
                if isDirectory.boolValue { return candidate }
                // A linked worktree or submodule: ".git" is a file "gitdir: <path>".
                guard let line = read(candidate), line.hasPrefix("gitdir:") else { return nil }
                let target = line.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespaces)
                return target.hasPrefix("/") ? target : current + "/" + target
            }
            guard current != "/" else { return nil }
            current = (current as NSString).deletingLastPathComponent
        }
    }

    /// `HEAD` is either a commit id (detached) or `ref: refs/heads/<branch>`.
    static func resolve(head: String, gitDirectory: String) -> String? {
        guard head.hasPrefix("ref:") else { return isCommitID(head) ? head : nil }
        let ref = head.dropFirst("ref:".count).trimmingCharacters(in: .whitespaces)
        // Branches of a linked worktree live in the main repository ("commondir").
        let common = read(gitDirectory + "/commondir").map { path in
            path.hasPrefix("/") ? path : gitDirectory + "/" + path
        }
        for directory in [gitDirectory, common].compactMap({ $0 }) {
            if let loose = read(directory + "/" + ref), isCommitID(loose) { return loose }
            if let packed = read(directory + "/packed-refs"), let id = packedRef(ref, in: packed) { return id }
        }
        return nil
    }

    /// The id of `ref` in a `packed-refs` file ("<id> <ref>" lines; "^" lines peel tags).
    static func packedRef(_ ref: String, in packed: String) -> String? {
        for line in packed.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("^") {
            let fields = line.split(separator: " ", maxSplits: 1)
            if fields.count == 2, fields[1] == ref, isCommitID(String(fields[0])) { return String(fields[0]) }
        }
        return nil
    }

    /// 40 (SHA-1) or 64 (SHA-256) lowercase hex digits.
    static func isCommitID(_ text: String) -> Bool {
        (text.utf8.count == 40 || text.utf8.count == 64)
            && text.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
    }

    /// The file's text without surrounding whitespace (HEAD, refs and `.git`
    /// files are one line); nil when it cannot be read.
    private static func read(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
