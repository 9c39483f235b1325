import LoopCore

/// Claude Code 2.1.97+ stamps the assistant lines produced under a skill
/// (`attributionSkill`, plugin prefix included: `plugin:skill`) or a plugin's
/// agent running the conversation (`attributionAgent`). The harness knows what
/// is in force better than any inference from earlier lines, so the stamp
/// becomes an activation whenever it changes.
extension ClaudeCodeDecoder {
    mutating func attribution(of line: JSONObjectView, context: ClaudeCodeLineContext) -> [NormalizedEvent] {
        // A subagent's output already belongs to the subagent (its Agent call).
        guard !context.isSidechain else { return [] }
        let kind: NormalizedEvent.Kind
        let ref: ArtifactRef
        if let skill = line.string("attributionSkill"), !skill.isEmpty {
            ref = ArtifactRef(kind: .skill, name: skill)
            kind = .artifactActivated(ref)
        } else if let agent = line.string("attributionAgent"), !agent.isEmpty {
            // The conversation's own agent, not a subagent: the detector's primary agent.
            ref = ArtifactRef(kind: .agent, name: agent)
            kind = .primaryAgent(ref)
        } else {
            return []  // `attributionPlugin` alone names no skill or agent
        }
        // By kind and name: the Skill call's own activation (with its folder) already said so.
        guard ref.kind != attributionInForce?.kind || ref.name != attributionInForce?.name else { return [] }
        attributionInForce = ref
        return [context.event(kind)]
    }

    /// Claude Code retracts records when a model refusal falls back to another
    /// model: the retrying assistant line names them in `supersedesUuids`, the
    /// `system/model_refusal_fallback` line in `retractedMessageUuids`. The
    /// retracted lines stay in the file; remembered here so a copy of them met
    /// later (a resumed session rewrites history) yields nothing.
    mutating func rememberRetractions(type: String, _ line: JSONObjectView) {
        let key = type == "assistant" ? "supersedesUuids" : type == "system" ? "retractedMessageUuids" : nil
        guard let key, let uuids = line.array(key) else { return }
        for case let uuid? in uuids.map(\.string) { retractedRecords.insert(uuid) }
    }

    func isRetracted(_ line: JSONObjectView) -> Bool {
        retractedRecords.count > 0 && line.string("uuid").map(retractedRecords.contains) == true
    }
}
