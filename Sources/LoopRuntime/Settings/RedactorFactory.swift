import Foundation
import LoopCore

/// Builds the one redactor every part of loop uses on this machine: its
/// identity, the configured domains and names, and the organisation's
/// gitleaks rules when config.toml names a file.
public enum RedactorFactory {
    public struct RulesError: Error, CustomStringConvertible {
        public var description: String
    }

    public static func make(
        settings: LoopSettings, machine: MachineIdentity, repositoryRoot: String? = nil, rulesOverride: String? = nil
    ) throws -> Redactor {
        var orgRules = OrgRuleSet()
        if let raw = rulesOverride ?? settings.gitleaksRulesPath {
            let path = raw.hasPrefix("~/") ? machine.home + raw.dropFirst() : raw
            guard let data = FileManager.default.contents(atPath: path) else {
                throw RulesError(description: "cannot read the rules file \(path) (named by [redaction] gitleaks_rules)")
            }
            do {
                orgRules = try GitleaksConfig.parse(String(decoding: data, as: UTF8.self))
            } catch {
                throw RulesError(description: "\(path): \(error)")
            }
        }
        return Redactor(context: settings.redactionContext(machine: machine, repositoryRoot: repositoryRoot), orgRules: orgRules)
    }
}
