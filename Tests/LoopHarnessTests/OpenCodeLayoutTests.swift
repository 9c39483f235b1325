import LoopHarness
import Testing

struct OpenCodeLayoutTests {
    @Test("XDG defaults under the home directory")
    func defaults() {
        let layout = OpenCodeLayout(environment: [:], home: "/home/u")
        #expect(layout.dataDirectory == "/home/u/.local/share/opencode")
        #expect(layout.databasePath == "/home/u/.local/share/opencode/opencode.db")
        #expect(layout.walPath == "/home/u/.local/share/opencode/opencode.db-wal")
        #expect(layout.storageDirectory == "/home/u/.local/share/opencode/storage")
        #expect(layout.configDirectory == "/home/u/.config/opencode")
        #expect(layout.globalConfigPath == "/home/u/.config/opencode/opencode.json")
        #expect(layout.databasePath(channel: "beta") == "/home/u/.local/share/opencode/opencode-beta.db")
    }

    @Test("XDG variables and OPENCODE_CONFIG_DIR win; relative XDG paths are ignored as the spec says")
    func overrides() {
        let layout = OpenCodeLayout(
            environment: ["XDG_DATA_HOME": "/d", "XDG_CONFIG_HOME": "relative", "OPENCODE_CONFIG_DIR": "/c"], home: "/h")
        #expect(layout.dataDirectory == "/d/opencode")
        #expect(layout.configDirectory == "/c")
        #expect(OpenCodeLayout(environment: ["XDG_CONFIG_HOME": "relative"], home: "/h").configDirectory == "/h/.config/opencode")
    }
}
