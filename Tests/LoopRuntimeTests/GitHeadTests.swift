import Foundation
import LoopTestSupport
import Testing
@testable import LoopRuntime

/// GitHead reads what `git rev-parse HEAD` prints, from the files; every case
/// is checked against real git on a real repository.
@Suite struct GitHeadTests {
    @Test func matchesGitInEveryLayout() throws {
        let root = try TemporaryDirectory(prefix: "loop-githead")
        defer { root.remove() }
        let repo = root.appending("repo").path
        try git(["init", "-q", "-b", "main", repo])
        #expect(GitHead.commit(of: repo) == nil, "no commit yet: HEAD names a branch that does not exist")

        try "one\n".write(toFile: repo + "/a.txt", atomically: true, encoding: .utf8)
        try git(["-C", repo, "add", "a.txt"])
        try git(["-C", repo, "commit", "-q", "-m", "one"])
        try FileManager.default.createDirectory(atPath: repo + "/src/deep", withIntermediateDirectories: true)
        let first = try git(["-C", repo, "rev-parse", "HEAD"])
        #expect(GitHead.commit(of: repo) == first, "loose ref")
        #expect(GitHead.commit(of: repo + "/src/deep") == first, "from a subfolder")

        try git(["-C", repo, "pack-refs", "--all"])
        #expect(!FileManager.default.fileExists(atPath: repo + "/.git/refs/heads/main"))
        #expect(GitHead.commit(of: repo) == first, "packed ref")

        try git(["-C", repo, "commit", "-q", "--allow-empty", "-m", "two"])
        let second = try git(["-C", repo, "rev-parse", "HEAD"])
        #expect(second != first)
        #expect(GitHead.commit(of: repo) == second, "a new loose ref wins over the packed one")

        let linked = root.appending("linked").path
        try git(["-C", repo, "worktree", "add", "-q", "-b", "feature", linked])
        try git(["-C", linked, "commit", "-q", "--allow-empty", "-m", "three"])
        let third = try git(["-C", linked, "rev-parse", "HEAD"])
        #expect(GitHead.commit(of: linked) == third, "linked worktree: .git file and commondir")
        #expect(GitHead.commit(of: repo) == second)

        try git(["-C", repo, "checkout", "-q", "--detach", first])
        #expect(GitHead.commit(of: repo) == first, "detached HEAD")

        let plain = root.appending("plain").path
        try FileManager.default.createDirectory(atPath: plain, withIntermediateDirectories: true)
        #expect(GitHead.commit(of: plain) == nil, "not a repository")
        #expect(GitHead.commit(of: root.appending("missing").path) == nil)
    }

    @Test func packedRefsAndCommitIDs() {
        let packed = """
            # pack-refs with: peeled fully-peeled sorted
            1111111111111111111111111111111111111111 refs/heads/main
            2222222222222222222222222222222222222222 refs/tags/v1
            ^3333333333333333333333333333333333333333
            """
        #expect(GitHead.packedRef("refs/heads/main", in: packed) == String(repeating: "1", count: 40))
        #expect(GitHead.packedRef("refs/heads/other", in: packed) == nil)
        #expect(GitHead.isCommitID(String(repeating: "a", count: 64)))
        #expect(!GitHead.isCommitID(String(repeating: "A", count: 40)))
        #expect(!GitHead.isCommitID("ref: refs/heads/main"))
    }

    /// Runs git with a fixed identity; returns its trimmed stdout.
    @discardableResult
    private func git(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "user.name=loop", "-c", "user.email=loop@example.invalid",
                             "-c", "commit.gpgsign=false"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "git \(arguments.joined(separator: " ")) failed")
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
