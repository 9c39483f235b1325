import Foundation
import LoopTestSupport
import Testing

/// `loopctl edit` hands the lesson to `$EDITOR` in a file no other user can
/// reach, and a file planted at the old predictable name is never used.
@Suite("loopctl edit's temporary file", .serialized, .enabled(if: LoopBinaries.available, "build loopd and loopctl first"))
struct EditTempFileEndToEndTests {
    @Test func theFileIsPrivateAndAPlantedFileIsIgnored() async throws {
        let harness = try DaemonHarness()
        defer { harness.user.root.remove() }
        let daemon = try await harness.startDaemon()
        let id = try await DeliveryEndToEndTests.seed(harness, count: 1)[0]
        await harness.stop(daemon)

        let shared = harness.user.root.appending("tmp")
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o1777], ofItemAtPath: shared.path)
        let record = harness.user.root.appending("editor-saw")
        let editor = harness.user.root.appending("editor.sh")
        try """
            #!/bin/sh
            stat -c '%a' "$(dirname "$1")" > '\(record.path).dir'
            stat -c '%a' "$1" > '\(record.path).file'
            printf '%s' "$1" > '\(record.path).path'
            grep -c '^\\[summary\\]' "$1" > '\(record.path).ours'
            printf '[summary]\\nThe edited summary.\\n\\n[before]\\nb\\n\\n[after]\\na\\n' > "$1"
            """.write(to: editor, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: editor.path)
        var environment = harness.user.environment
        environment["TMPDIR"] = shared.path
        environment["EDITOR"] = editor.path
        environment["VISUAL"] = nil
        // The old name was <tmp>/loop-lesson-<id prefix>-<pid>.txt: plant it for loopctl's pid ($$ survives exec).
        let planted = "\(shared.path)/loop-lesson-\(id.prefix(13))-$$.txt"
        let run = try await ChildProcess.run("/bin/sh", ["-c", """
            printf '[summary]\\nplanted by another user\\n\\n[before]\\nx\\n\\n[after]\\ny\\n' > "\(planted)"; chmod 666 "\(planted)"
            echo "\(planted)" > '\(record.path).planted'
            exec '\(LoopBinaries.path("loopctl"))' edit \(id)
            """], environment: environment, logDirectory: harness.logs)
        #expect(run.status == 0, "\(run.stdout) \(run.stderr)")
        func read(_ suffix: String) -> String {
            ((try? String(contentsOfFile: record.path + suffix, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(read(".dir") == "700", "the editor's file is in a private directory")
        #expect(read(".file") == "600")
        #expect(read(".ours") == "1", "the editor got loop's text")
        let used = read(".path")
        #expect((used as NSString).deletingLastPathComponent != shared.path, "not directly in the shared temporary directory: \(used)")
        let plantedPath = read(".planted")
        #expect(used != plantedPath)
        #expect((try? String(contentsOfFile: plantedPath, encoding: .utf8))?.contains("planted by another user") == true)
        #expect(!FileManager.default.fileExists(atPath: (used as NSString).deletingLastPathComponent), "removed afterwards")
        let lesson = try await harness.lessons().first { $0["id"] as? String == id }
        #expect(lesson?["summary"] as? String == "The edited summary.")
    }
}
