import Foundation
import LoopCore
import Testing
@testable import LoopRuntime

@Suite("config.toml")
struct LoopSettingsTests {
    @Test func everyKeyIsRead() throws {
        let settings = try LoopSettings.parse("""
            # loop settings
            [detector]
            settle_ms = 120
            transcript_lag_ms = 0
            instructions = ["AGENTS.md", 'CLAUDE.md']
            track = [
              "prd-*",   # our skills
              "acme:*",
            ]
            ignore = ["scratch"]

            [redaction]
            internal_domains = ["corp.example.com"]
            deny_names = ["Jane Doe"]
            """, file: "config.toml")
        #expect(settings.settleMilliseconds == 120)
        #expect(settings.detectorConfig.transcriptLag == 0)
        #expect(settings.trackedInstructions == ["AGENTS.md", "CLAUDE.md"])
        #expect(settings.track == ["prd-*", "acme:*"])
        #expect(settings.ignore == ["scratch"])
        #expect(settings.internalDomains == ["corp.example.com"])
        #expect(settings.denyNames == ["Jane Doe"])
    }

    @Test func emptyFileMeansDefaults() throws {
        #expect(try LoopSettings.parse("", file: "c") == LoopSettings())
    }

    @Test(arguments: [
        ("[detector]\nsettle = 3\n", 2, "unknown key 'detector.settle'"),
        ("[detectr]\nsettle_ms = 3\n", 1, "unknown section or key 'detectr'"),
        ("[detector]\n\nsettle_ms = \"fast\"\n", 3, "'detector.settle_ms' must be an integer (milliseconds), found a string"),
        ("[detector]\ntrack = [1, 2]\n", 2, "'detector.track' must be an array of strings, found an array"),
        ("[detector]\ntrack = [\"a\"\n", 3, "expected , or ] in an array"),
        ("[detector\n", 1, "expected '.' or ']'"),
    ])
    func badConfigNamesTheKeyAndLine(_ text: String, _ line: Int, _ message: String) {
        do {
            _ = try LoopSettings.parse(text, file: "/home/u/.config/loop/config.toml")
            Issue.record("expected an error for \(text)")
        } catch let error as LoopSettings.Invalid {
            #expect(error.line == line)
            #expect(error.message.contains(message), "\(error.message)")
            #expect(error.description.hasPrefix("/home/u/.config/loop/config.toml:\(line): "))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
