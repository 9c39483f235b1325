import Foundation

/// What `loopctl install` added, so `uninstall` removes exactly that:
/// `$XDG_STATE_HOME/loop/install-manifest.json`.
public struct InstallManifest: Codable, Sendable, Equatable {
    public var version = 1
    public var entries: [Entry] = []

    public init() {}

    public struct Entry: Codable, Sendable, Hashable {
        public enum Kind: String, Codable, Sendable {
            /// A file loop wrote whole (skill, command); `sha256` of its content.
            case file
            /// One member of a JSON/JSONC config; `jsonValue` is what was written.
            case jsonMember
            /// The managed block in Codex's config.toml.
            case tomlBlock
            /// Registered through `claude mcp add`.
            case claudeCLI
        }

        public var harness: String
        public var kind: Kind
        public var path: String
        public var sha256: String?
        public var jsonPath: [String]?
        public var jsonValue: String?
        /// How many parents of `jsonPath` install created (removed again when empty).
        public var createdParents: Int?
        /// Directories install created, deepest first (removed again when empty).
        public var createdDirectories: [String]?
        /// The file did not exist before install.
        public var createdFile: Bool?
        /// What was inside the parent object (`{}`, `{ }`) when install found it
        /// empty, so uninstall leaves it byte for byte as it was.
        public var parentInterior: String?
        /// The TOML file had no final newline; install added one before its block.
        public var addedFinalNewline: Bool?
    }

    public static func load(path: String) throws -> InstallManifest {
        guard let data = FileManager.default.contents(atPath: path) else { return InstallManifest() }
        return try JSONDecoder().decode(InstallManifest.self, from: data)
    }

    public func save(path: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try ConfigFileWriter.write(String(decoding: try encoder.encode(self), as: UTF8.self), to: path,
                                   newFileMode: ConfigFileWriter.privateMode)
    }

    func entry(harness: String, path: String) -> Entry? {
        entries.first { $0.harness == harness && $0.path == path }
    }

    mutating func upsert(_ entry: Entry) {
        entries.removeAll { $0.harness == entry.harness && $0.path == entry.path }
        entries.append(entry)
    }
}
