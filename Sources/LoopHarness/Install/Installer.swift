import Foundation

/// `loopctl install`: registers `<loopctl> mcp` with a harness and copies the
/// skill and the `/harness-feedback` command. Plans first (pure file reads),
/// applies second, so `--dry-run` shows exactly what `apply` would write.
/// Idempotent: a second install plans no change.
public struct Installer: Sendable {
    public var layout: InstallLayout
    /// Absolute path of the `loopctl` binary the harness will launch.
    public var command: String
    /// Use `claude mcp add` (when the `claude` binary exists) instead of editing ~/.claude.json.
    public var claudeCLI: String?

    public init(layout: InstallLayout, command: String, claudeCLI: String? = nil) {
        self.layout = layout
        self.command = command
        self.claudeCLI = claudeCLI
    }

    public func plan(_ harness: InstallHarness) throws -> InstallPlan {
        var plan = InstallPlan(manifest: try InstallManifest.load(path: layout.manifestPath))
        try planRegistration(harness, into: &plan)
        planFile(BundledSkills.skill, at: layout.skillPath(harness), harness: harness, into: &plan)
        planFile(BundledSkills.command, at: layout.commandPath(harness), harness: harness, into: &plan)
        return plan
    }

    /// Applies a plan and records what it added in the manifest.
    public func apply(_ plan: InstallPlan) throws {
        var manifest = plan.manifest
        for change in plan.changes {
            if !change.isNoOp { try change.apply() }
            if let entry = change.entry { manifest.upsert(entry) }
        }
        for command in plan.commands { try Self.run(command) }
        try manifest.save(path: layout.manifestPath)
    }

    // MARK: - Registration

    private func planRegistration(_ harness: InstallHarness, into plan: inout InstallPlan) throws {
        switch harness {
        case .claudeCode:
            if let claudeCLI {
                let previous = plan.manifest.entry(harness: harness.rawValue, path: claudeCLI)
                guard previous?.jsonValue != command else { return }
                if previous != nil { plan.commands.append([claudeCLI, "mcp", "remove", "--scope", "user", "loop"]) }
                plan.commands.append([claudeCLI, "mcp", "add", "--scope", "user", "loop", "--", command, "mcp"])
                plan.manifest.upsert(.init(harness: harness.rawValue, kind: .claudeCLI, path: claudeCLI, jsonValue: command))
                return
            }
            let value: [String: Any] = ["type": "stdio", "command": command, "args": ["mcp"]]
            try planJSON(value, at: ["mcpServers", "loop"], in: layout.claudeJSON, harness: harness, into: &plan)
        case .codex:
            let path = layout.codexConfig
            let before = try ConfigText.read(path)
            let after = try Self.inFile(path) { try CodexConfigBlock.install(command: command, in: before ?? "") }
            let previous = plan.manifest.entry(harness: harness.rawValue, path: path)
            plan.changes.append(InstallChange(
                path: path, before: before, after: after,
                entry: .init(harness: harness.rawValue, kind: .tomlBlock, path: path,
                             createdFile: previous?.createdFile ?? (before == nil),
                             addedFinalNewline: previous?.addedFinalNewline ?? Self.lacksFinalNewline(before)),
                newDirectories: InstallChange.missingDirectories(for: path)))
        case .opencode:
            let path = layout.openCodeConfig
            let text = try ConfigText.read(path) ?? ""
            // V2 (opencode2) keeps servers under mcp.servers and has no `enabled`.
            let isV2 = (try? JSONCEditor.value(in: text, at: ["mcp", "servers"])) is [String: Any]
            let value: [String: Any] = isV2
                ? ["type": "local", "command": [command, "mcp"]]
                : ["type": "local", "command": [command, "mcp"], "enabled": true]
            try planJSON(value, at: isV2 ? ["mcp", "servers", "loop"] : ["mcp", "loop"], in: path, harness: harness, into: &plan)
        }
    }

    private func planJSON(_ value: [String: Any], at jsonPath: [String], in path: String, harness: InstallHarness, into plan: inout InstallPlan) throws {
        let before = try ConfigText.read(path)
        let previous = plan.manifest.entry(harness: harness.rawValue, path: path)
        if let existing = try Self.inFile(path, { try JSONCEditor.value(in: before ?? "", at: jsonPath) }) {
            let isOurs = previous?.jsonValue.map { Self.canonical(existing) == Self.canonical($0) } ?? false
            if Self.canonical(existing) == Self.canonical(value) {
                plan.changes.append(InstallChange(path: path, before: before, after: before, entry: previous ?? entry(value, jsonPath, path, harness, created: 0, createdFile: false)))
                return
            }
            guard isOurs else {
                plan.notes.append("\(path): \(jsonPath.joined(separator: ".")) is already defined and not by loopctl install; left as is")
                return
            }
        }
        let edited = try Self.inFile(path) { try JSONCEditor.set(value, at: jsonPath, in: before ?? "") }
        let created = max(edited.created, previous?.createdParents ?? 0)
        var record = entry(value, jsonPath, path, harness, created: created, createdFile: previous?.createdFile ?? (before == nil))
        record.parentInterior = previous == nil ? edited.parentInterior : previous?.parentInterior
        plan.changes.append(InstallChange(
            path: path, before: before, after: edited.text, entry: record,
            newDirectories: InstallChange.missingDirectories(for: path)))
    }

    private func entry(_ value: [String: Any], _ jsonPath: [String], _ path: String, _ harness: InstallHarness, created: Int, createdFile: Bool) -> InstallManifest.Entry {
        let json = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])).map { String(decoding: $0, as: UTF8.self) }
        return .init(harness: harness.rawValue, kind: .jsonMember, path: path, jsonPath: jsonPath, jsonValue: json,
                     createdParents: created, createdFile: createdFile)
    }

    // MARK: - Files

    private func planFile(_ content: String, at path: String, harness: InstallHarness, into plan: inout InstallPlan) {
        let before = InstallChange.read(path)
        let previous = plan.manifest.entry(harness: harness.rawValue, path: path)
        let record = InstallManifest.Entry(
            harness: harness.rawValue, kind: .file, path: path, sha256: SHA256.hex(content),
            createdDirectories: previous?.createdDirectories ?? InstallChange.missingDirectories(for: path).reversed())
        if let before, before != content {
            // Ours from an earlier install and untouched since: update it. Otherwise it is the user's.
            guard let previous, previous.sha256 == SHA256.hex(before) else {
                plan.notes.append("\(path) exists and differs from loop's version (changed by you?); left as is")
                return
            }
        }
        plan.changes.append(InstallChange(
            path: path, before: before, after: content, entry: record,
            newDirectories: InstallChange.missingDirectories(for: path), newFileMode: ConfigFileWriter.publicMode))
    }

    /// One spelling of a JSON value (sorted keys), to compare configs by meaning.
    /// A String argument is JSON text and is parsed first.
    static func canonical(_ value: Any) -> String? {
        var value = value
        if let text = value as? String {
            guard let parsed = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) else { return nil }
            value = parsed
        }
        guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed]) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// nil unless `text` is non-empty and lacks a final newline (so nothing is recorded for most files).
    static func lacksFinalNewline(_ text: String?) -> Bool? {
        guard let text, !text.isEmpty, !text.hasSuffix("\n") else { return nil }
        return true
    }

    /// Runs `body`, naming `path` in any error that does not already.
    static func inFile<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as InstallError {
            throw error
        } catch {
            throw InstallError("\(path): \(error)")
        }
    }

    static func run(_ command: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw InstallError("`\(command.joined(separator: " "))` failed with status \(process.terminationStatus)")
        }
    }
}

public struct InstallError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
