import Foundation
import LoopCore
import LoopHarness
import Testing

/// OpenCode's three permission errors, in the text V1 tool parts store and
/// in the named shapes of newer rows: only the person's refusals are rejections.
struct OpenCodePermissionErrorTests {
    typealias D = OpenCodeDecoderTests

    static func kinds(_ error: Any) -> [NormalizedEvent.Kind] {
        var decoder = D.decoder()
        return decoder.decode(part: D.toolPart("edit", status: "error", input: ["filePath": "/p/a.ts"], extra: ["error": error]))
            .map(\.kind)
    }

    @Test("PermissionCorrectedError: a rejection with the person's feedback")
    func corrected() {
        #expect(Self.kinds("The user rejected permission to use this specific tool call with the following feedback: keep the old API")
            == [.toolRejected(toolCallID: "call_1", userReason: "keep the old API")])
        #expect(Self.kinds(["name": "PermissionCorrectedError", "data": ["feedback": "keep the old API"]])
            == [.toolRejected(toolCallID: "call_1", userReason: "keep the old API")])
        #expect(Self.kinds(["_tag": "PermissionCorrectedError", "feedback": " use pnpm "])
            == [.toolRejected(toolCallID: "call_1", userReason: "use pnpm")])
    }

    @Test("PermissionRejectedError: a rejection without a reason")
    func rejected() {
        #expect(Self.kinds("The user rejected permission to use this specific tool call.")
            == [.toolRejected(toolCallID: "call_1", userReason: nil)])
        #expect(Self.kinds(["name": "PermissionRejectedError", "data": [String: Any]()])
            == [.toolRejected(toolCallID: "call_1", userReason: nil)])
    }

    @Test("PermissionDeniedError: a deny rule, nobody's rejection")
    func denied() {
        #expect(Self.kinds("The user has specified a rule which prevents you from using this specific tool call. Here are some of the relevant rules [{\"permission\":\"edit\",\"pattern\":\"*\",\"action\":\"deny\"}]").isEmpty)
        #expect(Self.kinds(["name": "PermissionDeniedError", "data": ["ruleset": [Any]()]]).isEmpty)
        #expect(Self.kinds(["type": "permission.denied", "message": "denied by rule"]).isEmpty)
    }

    @Test("other tool errors are no rejection")
    func otherErrors() {
        #expect(Self.kinds("Tool execution aborted").isEmpty)
        #expect(Self.kinds(["name": "UnknownError", "data": ["message": "boom"]]).isEmpty)
    }
}
