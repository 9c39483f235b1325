import Foundation

/// Locations of the repository and of `../shared/fixtures`, found from this
/// source file so tests work from any clone that has `shared/` beside it.
public enum Fixtures {
    /// The repository root (the folder holding Package.swift).
    public static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url
            }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// `../shared/fixtures` next to the repository (CI clones with shared/ beside it).
    /// `LOOP_FIXTURES` overrides it.
    public static let root: URL = {
        if let env = ProcessInfo.processInfo.environment["LOOP_FIXTURES"] {
            return URL(fileURLWithPath: env)
        }
        return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures")
    }()

    public static var transcripts: URL { root.appendingPathComponent("transcripts") }
    public static var claudeCode: URL { transcripts.appendingPathComponent("claude-code") }
    public static var redactionCases: URL { root.appendingPathComponent("redaction-cases") }

    /// A fixture file by its path below `fixtures/`.
    public static func url(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }
}
