import Foundation
import LoopCore
import LoopTestSupport
import Testing
@testable import LoopRuntime

@Suite("config schema: one description for validation, `loopctl config` and docs")
struct SettingsSchemaTests {
    @Test func everyKeyIsDocumentedInConfigurationMD() throws {
        let doc = try String(contentsOf: Fixtures.repositoryRoot.appendingPathComponent("docs/configuration.md"), encoding: .utf8)
        for setting in SettingsSchema.keys {
            #expect(doc.contains("`\(setting.key)`"), "docs/configuration.md does not list \(setting.key)")
        }
    }

    @Test func everyDescribedKeyParsesWithItsDefault() throws {
        for setting in SettingsSchema.keys where setting.type != .url {
            let text = "[\(setting.section)]\n\(setting.name) = \(setting.defaultValue)\n"
            #expect(throws: Never.self, "\(setting.key)") { try LoopSettings.parse(text, file: "config.toml") }
        }
    }

    @Test func setValidatesTypesAndNamesTheKey() throws {
        #expect(try SettingsSchema.set("detector.settle_ms", to: "120", in: "") == "[detector]\nsettle_ms = 120\n")
        let arrays = try SettingsSchema.set("detector.track", to: "prd-*, acme:*", in: "")
        #expect(try LoopSettings.parse(arrays, file: "c").track == ["prd-*", "acme:*"])
        let toml = try SettingsSchema.set("detector.ignore", to: #"["a", "b"]"#, in: "")
        #expect(try LoopSettings.parse(toml, file: "c").ignore == ["a", "b"])
        #expect(throws: SettingError.self) { try SettingsSchema.set("detector.settle_ms", to: "soon", in: "") }
        #expect(throws: SettingError.self) { try SettingsSchema.set("hub.url", to: "ftp://x", in: "") }
        do {
            _ = try SettingsSchema.set("detector.setle_ms", to: "1", in: "")
            Issue.record("an unknown key must be refused")
        } catch let error as SettingError {
            #expect(error.description.contains("detector.setle_ms"))
            #expect(error.description.contains("detector.settle_ms"), "the message lists the known keys")
        }
    }

    @Test func unknownKeyAtStartNamesTheKeyAndLine() {
        do {
            _ = try LoopSettings.parse("[detector]\nsettle_ms = 1\nsetle = 2\n", file: "config.toml")
            Issue.record("must fail")
        } catch let error as LoopSettings.Invalid {
            #expect(error.line == 3)
            #expect(error.message.contains("detector.setle"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func rawValueAndLiteralRoundTrip() {
        let text = "[detector]\ntrack = [\"a\", \"b\"]\nsettle_ms = 5\n"
        #expect(SettingsSchema.rawValue("detector.track", in: text).map(SettingsSchema.literal) == #"["a", "b"]"#)
        #expect(SettingsSchema.rawValue("detector.settle_ms", in: text).map(SettingsSchema.literal) == "5")
        #expect(SettingsSchema.rawValue("hub.url", in: text) == nil)
    }
}
