import Foundation

extension Installer {
    /// Removes what the manifest says install added for `harness`, and only
    /// that: files still carrying loop's hash, the config member still holding
    /// loop's value, the managed TOML block. Anything the user changed stays,
    /// with a note.
    public func planUninstall(_ harness: InstallHarness) throws -> InstallPlan {
        var plan = InstallPlan(manifest: try InstallManifest.load(path: layout.manifestPath))
        for entry in plan.manifest.entries where entry.harness == harness.rawValue {
            switch entry.kind {
            case .file:
                let before = InstallChange.read(entry.path)
                guard let before else { break }
                guard SHA256.hex(before) == entry.sha256 else {
                    plan.notes.append("\(entry.path) was changed after install; kept (delete it yourself if you want)")
                    continue
                }
                plan.changes.append(InstallChange(path: entry.path, before: before, after: nil, emptiedDirectories: entry.createdDirectories ?? []))
            case .jsonMember:
                guard let before = try ConfigText.read(entry.path), let jsonPath = entry.jsonPath else { break }
                let current = try Self.inFile(entry.path) { try JSONCEditor.value(in: before, at: jsonPath) }
                guard let current else { break }
                guard let ours = entry.jsonValue, Self.canonical(current) == Self.canonical(ours) else {
                    plan.notes.append("\(entry.path): \(jsonPath.joined(separator: ".")) was changed after install; kept")
                    continue
                }
                var after: String? = try Self.inFile(entry.path) {
                    try JSONCEditor.remove(at: jsonPath, removeParents: entry.createdParents ?? 0, parentInterior: entry.parentInterior, in: before)
                }
                if entry.createdFile == true, Self.isEmptyObject(after ?? "") { after = nil }
                plan.changes.append(InstallChange(path: entry.path, before: before, after: after))
            case .tomlBlock:
                guard let before = try ConfigText.read(entry.path) else { break }
                var after: String? = CodexConfigBlock.uninstall(from: before)
                if entry.addedFinalNewline == true, before != after, after?.hasSuffix("\n") == true { after?.removeLast() }
                if entry.createdFile == true, after?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { after = nil }
                plan.changes.append(InstallChange(path: entry.path, before: before, after: after))
            case .claudeCLI:
                plan.commands.append([entry.path, "mcp", "remove", "--scope", "user", "loop"])
            }
        }
        plan.manifest.entries.removeAll { $0.harness == harness.rawValue }
        return plan
    }

    /// Applies an uninstall plan and saves the shrunken manifest.
    public func applyUninstall(_ plan: InstallPlan) throws {
        for change in plan.changes where !change.isNoOp { try change.apply() }
        for command in plan.commands { try Self.run(command) }
        if plan.manifest.entries.isEmpty {
            try? FileManager.default.removeItem(atPath: layout.manifestPath)
        } else {
            try plan.manifest.save(path: layout.manifestPath)
        }
    }

    static func isEmptyObject(_ text: String) -> Bool {
        guard let root = try? JSONCScanner(text).root() else { return true }
        return root.members.isEmpty && JSONCScanner(text).bytes.count < 16
    }
}
