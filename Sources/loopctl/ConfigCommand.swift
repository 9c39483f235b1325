import ArgumentParser
import Foundation
import LoopCore
import LoopRuntime

/// `loopctl config get|set|list`: reads and edits config.toml by key, never
/// re-serializing the file (comments and order stay as the user wrote them).
struct Config: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show or change settings in config.toml.",
        discussion: "Keys are section.name, e.g. detector.settle_ms. `loopctl config list` shows every key. loopd reads the file at start: restart it after a change.",
        subcommands: [ConfigList.self, ConfigGet.self, ConfigSet.self])

    static var file: String { (Context.paths.configDir as NSString).appendingPathComponent("config.toml") }

    static func text() -> String {
        FileManager.default.contents(atPath: file).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// The value in effect: the file's, else the default.
    static func effective(_ setting: SettingDescription, in text: String) -> (value: String, isSet: Bool) {
        if let raw = SettingsSchema.rawValue(setting.key, in: text) { return (SettingsSchema.literal(raw), true) }
        return (setting.defaultValue, false)
    }
}

struct ConfigList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Every setting, its value and what it does.")

    @OptionGroup var output: OutputOptions

    struct Row: Encodable {
        var key: String
        var type: String
        var value: String
        var isSet: Bool
        var defaultValue: String
        var help: String
    }

    func run() async throws {
        let text = Config.text()
        let rows = SettingsSchema.keys.map { setting in
            let (value, isSet) = Config.effective(setting, in: text)
            return Row(key: setting.key, type: setting.type.rawValue, value: value, isSet: isSet,
                       defaultValue: setting.defaultValue, help: setting.help)
        }
        if output.json { return try JSONOutput.print(rows) }
        print("# \(Config.file)")
        for row in rows {
            print("\(row.key) = \(row.value)\(row.isSet ? "" : "  (default)")")
            print("    \(row.help)")
        }
    }
}

struct ConfigGet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Print one setting's value (the default when unset).")

    @Argument(help: "section.name, e.g. detector.settle_ms") var key: String

    func validate() throws {
        guard SettingsSchema.describe(key) != nil else {
            throw ValidationError("unknown key '\(key)'; `loopctl config list` shows the known keys")
        }
    }

    func run() async throws {
        guard let setting = SettingsSchema.describe(key) else { return }
        print(Config.effective(setting, in: Config.text()).value)
    }
}

struct ConfigSet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Change one setting in config.toml (validated first).",
        discussion: "Arrays: a TOML array (\"[\\\"a\\\", \\\"b\\\"]\") or a comma-separated list (a,b).")

    @Argument(help: "section.name, e.g. detector.settle_ms") var key: String
    @Argument(help: "The new value.") var value: String

    func run() async throws {
        let before = Config.text()
        let after: String
        do {
            after = try SettingsSchema.set(key, to: value, in: before)
        } catch let error as SettingError {
            throw ValidationError(error.description)
        }
        // The whole file must still load, exactly as loopd will load it.
        do {
            _ = try LoopSettings.parse(after, file: Config.file)
        } catch {
            throw CLIError("not saved: the result would not load: \(error)")
        }
        try FileManager.default.createDirectory(atPath: Context.paths.configDir, withIntermediateDirectories: true)
        try after.write(toFile: Config.file, atomically: true, encoding: .utf8)
        print("\(key) = \(Config.effective(SettingsSchema.describe(key)!, in: after).value)")
    }
}
