import LoopMCP
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
