import LoopHarness
import Testing

struct CodexLayoutTests {
    @Test("home: $CODEX_HOME, else ~/.codex")
    func home() {
        #expect(CodexLayout.home(environment: ["CODEX_HOME": "/x/codex"], homeDirectory: "/home/u") == "/x/codex")
        #expect(CodexLayout.home(environment: ["CODEX_HOME": ""], homeDirectory: "/home/u") == "/home/u/.codex")
        #expect(CodexLayout.home(environment: [:], homeDirectory: "/home/u") == "/home/u/.codex")
    }

    @Test("directories and rollout paths")
    func rollouts() {
        let layout = CodexLayout(home: "/home/u/.codex")
        #expect(layout.sessionsDirectory == "/home/u/.codex/sessions")
        #expect(layout.archivedSessionsDirectory == "/home/u/.codex/archived_sessions")
        let id = "01997ea4-a70d-7da3-8c20-c736db82a7c5"
        #expect(layout.isRollout("/home/u/.codex/sessions/2025/09/24/rollout-2025-09-24T20-12-23-\(id).jsonl"))
        #expect(layout.isRollout("/home/u/.codex/archived_sessions/rollout-2025-09-24T20-12-23-\(id).jsonl"))
        #expect(!layout.isRollout("/home/u/.codex/history.jsonl"))
        #expect(!layout.isRollout("/home/u/.codex/sessions/2025/09/24/notes.jsonl"))
        #expect(!layout.isRollout("/home/u/.codex/sessionsX/rollout-a.jsonl"))
        #expect(!layout.isRollout("/elsewhere/rollout-2025-09-24T20-12-23-\(id).jsonl"))
        #expect(CodexLayout.sessionIDFromPath("/s/2025/09/24/rollout-2025-09-24T20-12-23-\(id).jsonl") == id)
        #expect(CodexLayout.sessionIDFromPath("/s/rollout-broken.jsonl") == nil)
        #expect(CodexLayout.sessionIDFromPath("/s/agentcmd__session-meta.jsonl") == nil)
    }
}
