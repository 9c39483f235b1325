@testable import LoopMCP
import Testing

@Suite struct ConsentAnswerTests {
    @Test(arguments: ["S", "s", "send", "Send", " SEND ", "yes send", "Yes, send", "[S]end", "send.", "s!"])
    func sendAnswers(_ text: String) {
        #expect(ConsentAnswer.parse(text) == .send)
    }

    @Test(arguments: ["D", "d", "decline", "Decline", "[D]ecline", "don't send"])
    func declineAnswers(_ text: String) {
        #expect(ConsentAnswer.parse(text) == .decline)
    }

    @Test(arguments: ["E", "edit", "[E]dit"])
    func editAnswers(_ text: String) {
        #expect(ConsentAnswer.parse(text) == .edit)
    }

    /// Anything that is not unmistakably the gate's answer is no consent.
    @Test(arguments: ["", "yes", "ok", "sure, looks fine", "sends", "S and also fix the tests", "please send the PR", "no", "s s"])
    func notAnAnswer(_ text: String) {
        #expect(ConsentAnswer.parse(text) == nil)
    }
}

/// The gate an answer belongs to: the last one shown before it.
@Suite struct ConsentGateTests {
    let id = "019a0000-0000-7000-8000-000000000001"
    let other = "019a0000-0000-7000-8000-000000000002"
    let payload = "{\n  \"id\" : \"019a0000-0000-7000-8000-000000000001\",\n  \"summary\" : \"x\"\n}"

    func turn(_ speaker: ChatTurn.Speaker, _ text: String, _ line: Int) -> ChatTurn {
        ChatTurn(speaker: speaker, text: text, sessionID: "s", transcriptPath: "/t", line: line)
    }

    @Test func theNextTypedMessageAnswersTheLastGateShown() {
        let turns = [
            turn(.agent, "LOOP-CONSENT-GATE lesson \(id)\n```json\n\(payload)\n```\n[S]end [E]dit [D]ecline", 1),
            turn(.agent, "LOOP-CONSENT-GATE lesson \(other)\n```json\n{}\n```", 2),
            turn(.user, "s", 3),
        ]
        #expect(ConsentGate.find(lessonID: id, payload: payload, in: turns) == nil, "the answer went to the other gate")
        #expect(ConsentGate.find(lessonID: id, payload: payload, in: Array(turns.prefix(1)) + [turns[2]])
                == .answered(gate: turns[0], answer: turns[2]))
    }

    @Test func reindentedPayloadStillMatchesButAnotherDoesNot() {
        let indented = payload.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")
        let gate = turn(.agent, "LOOP-CONSENT-GATE lesson \(id)\n\(indented)", 1)
        #expect(ConsentGate.find(lessonID: id, payload: payload, in: [gate]) == .unanswered(gate: gate))
        let changed = turn(.agent, "LOOP-CONSENT-GATE lesson \(id)\n{\"summary\": \"y\"}", 1)
        #expect(ConsentGate.find(lessonID: id, payload: payload, in: [changed, turn(.user, "s", 2)]) == .stalePayload(gate: changed))
    }

    @Test func aMessageWithTwoGatesIsNoGate() {
        let both = turn(.agent, "LOOP-CONSENT-GATE lesson \(id)\n\(payload)\nLOOP-CONSENT-GATE lesson \(other)", 1)
        #expect(ConsentGate.find(lessonID: id, payload: payload, in: [both, turn(.user, "s", 2)]) == nil)
    }
}
