import Foundation
import LoopTestSupport
import Testing
@testable import LoopWatch

@Suite struct WorkingTreeFilterTests {
    func run(_ arguments: [String], in directory: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
    }

    func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    @Test func builtInSkipsApplyWithoutGit() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let filter = WorkingTreeFilter(root: dir.path)
        #expect(!filter.usesGit)
        #expect(filter.excludes(dir.path + "/.git", isDirectory: true))
        #expect(filter.excludes(dir.path + "/web/node_modules/x/index.js", isDirectory: false))
        #expect(filter.excludes(dir.path + "/.build-release/debug.yaml", isDirectory: false))
        #expect(!filter.excludes(dir.path + "/Sources/main.swift", isDirectory: false))
        #expect(!filter.excludes(dir.path + "/.github/workflows/ci.yml", isDirectory: false))
    }

    @Test func gitIgnoreRulesComeFromGit() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try run(["git", "init", "-q"], in: dir.path)
        try write("*.log\nbuild/\n!keep.log\n", to: dir.path + "/.gitignore")
        try write("x", to: dir.path + "/build/out.o")
        let filter = WorkingTreeFilter(root: dir.path)
        #expect(filter.usesGit)
        #expect(filter.excludes(dir.path + "/debug.log", isDirectory: false))
        #expect(filter.excludes(dir.path + "/build", isDirectory: true))
        #expect(filter.excludes(dir.path + "/build/out.o", isDirectory: false))
        #expect(!filter.excludes(dir.path + "/keep.log", isDirectory: false))
        #expect(!filter.excludes(dir.path + "/main.swift", isDirectory: false))

        // New rules apply once the filter is told they changed.
        try write("*.swift\n", to: dir.path + "/.gitignore")
        filter.rulesChanged()
        #expect(filter.excludes(dir.path + "/main.swift", isDirectory: false))
        #expect(!filter.excludes(dir.path + "/debug.log", isDirectory: false))

        // A .gitignore event passing through the filter is enough on its own.
        try write("*.md\n", to: dir.path + "/.gitignore")
        #expect(!filter.excludes(dir.path + "/.gitignore", isDirectory: false))
        #expect(filter.excludes(dir.path + "/README.md", isDirectory: false))
        #expect(!filter.excludes(dir.path + "/main.swift", isDirectory: false))
    }

    @Test func watcherDoesNotReportGitIgnoredFiles() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try run(["git", "init", "-q"], in: dir.path)
        try write("*.log\ndist/\n", to: dir.path + "/.gitignore")
        let filter = WorkingTreeFilter(root: dir.path)
        let watcher = try InotifyWatcher()
        defer { watcher.close() }
        try watcher.watch(directory: dir.path, recursive: true, filter: filter.pathFilter)
        let events = await StreamRecorder.start(watcher.events)

        try write("noise", to: dir.path + "/server.log")
        try write("bundle", to: dir.path + "/dist/app.js")
        try write("ref", to: dir.path + "/.git/refs/heads/feature")
        try write("code", to: dir.path + "/main.swift")

        #expect(await events.first { $0.path == dir.path + "/main.swift" } != nil)
        let leaked = await events.elements.filter {
            $0.path.hasSuffix(".log") || $0.path.contains("/dist") || $0.path.contains("/.git/")
        }
        #expect(leaked.isEmpty)
    }
}
