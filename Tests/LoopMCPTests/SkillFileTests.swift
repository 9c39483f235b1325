import Foundation
import LoopHarness
import LoopTestSupport
import Testing

/// The skill and the command are valid for every harness: YAML frontmatter
/// with the keys each one reads, and the copies inside the binary match `skills/`.
@Suite struct SkillFileTests {
    /// A deliberately small frontmatter reader: `---` fences, `key: value` lines.
    static func frontmatter(_ text: String) -> [String: String]? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first == "---", let end = lines.dropFirst().firstIndex(of: "---") else { return nil }
        var fields: [String: String] = [:]
        for line in lines[1..<end] {
            guard let colon = line.firstIndex(of: ":"), !line.hasPrefix(" ") else { return nil }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty, !value.isEmpty, fields[key] == nil else { return nil }
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            // An unquoted ": " would start a nested mapping in YAML.
            if !line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces).hasPrefix("\"") && value.contains(": ") { return nil }
            fields[key] = value
        }
        return fields
    }

    @Test func skillFrontmatter() throws {
        let fields = try #require(Self.frontmatter(BundledSkills.skill))
        #expect(fields["name"] == BundledSkills.skillName)
        let description = try #require(fields["description"])
        #expect(description.count <= 1024)
        #expect(BundledSkills.skill.split(separator: "\n").count < 80)
    }

    @Test func commandFrontmatter() throws {
        let fields = try #require(Self.frontmatter(BundledSkills.command))
        #expect(fields["description"] != nil)
        #expect(fields["argument-hint"] != nil)
        #expect(BundledSkills.command.contains("$ARGUMENTS"))
        #expect(BundledSkills.command.contains("feedback_submit"))
    }

    @Test func bundledCopiesMatchTheRepository() throws {
        let root = Fixtures.repositoryRoot
        let skill = try String(contentsOf: root.appendingPathComponent("skills/loop-feedback/SKILL.md"), encoding: .utf8)
        let command = try String(contentsOf: root.appendingPathComponent("skills/commands/harness-feedback.md"), encoding: .utf8)
        #expect(skill == BundledSkills.skill)
        #expect(command == BundledSkills.command)
    }

    @Test func gateFormatIsTheOneTheToolsName() {
        #expect(BundledSkills.skill.contains("LOOP-CONSENT-GATE"))
        #expect(BundledSkills.skill.contains("[S]end [E]dit [D]ecline"))
    }
}
