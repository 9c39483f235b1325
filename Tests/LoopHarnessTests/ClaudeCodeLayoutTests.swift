import LoopHarness
import Testing

struct ClaudeCodeLayoutTests {
    let layout = ClaudeCodeLayout(configDirectory: "/home/u/.claude")

    @Test func configDirectoryPrefersEnvironment() {
        #expect(ClaudeCodeLayout.configDirectory(environment: ["CLAUDE_CONFIG_DIR": "/c"], home: "/home/u") == "/c")
        #expect(ClaudeCodeLayout.configDirectory(environment: [:], home: "/home/u") == "/home/u/.claude")
        #expect(layout.projectsDirectory == "/home/u/.claude/projects")
    }

    @Test func transcriptsAreJSONLUnderProjectsOnly() {
        #expect(layout.isTranscript("/home/u/.claude/projects/-home-u-repo/abc.jsonl"))
        #expect(layout.isTranscript("/home/u/.claude/projects/-home-u-repo/abc/subagents/agent-a1.jsonl"))
        #expect(layout.isTranscript("/home/u/.claude/projects/-home-u-repo/agent-a1.jsonl"))
        #expect(!layout.isTranscript("/home/u/.claude/projects/-home-u-repo/abc/tool-results/x.jsonl"))
        #expect(!layout.isTranscript("/home/u/.claude/projects/-home-u-repo/memory/notes.jsonl"))
        #expect(!layout.isTranscript("/home/u/.claude/projects/-home-u-repo/abc.json"))
        #expect(!layout.isTranscript("/home/u/.claude/history.jsonl"))
        #expect(!layout.isTranscript("/home/u/.claude/projects-old/p/abc.jsonl"))
    }

    @Test func sessionAndAgentFromPath() {
        let session = "/p/projects/-r/4d5611e5-241a.jsonl"
        let subagent = "/p/projects/-r/4d5611e5-241a/subagents/agent-a2898e3.jsonl"
        let oldSubagent = "/p/projects/-r/agent-a2898e3.jsonl"
        #expect(ClaudeCodeLayout.sessionIDFromPath(session) == "4d5611e5-241a")
        #expect(ClaudeCodeLayout.sessionIDFromPath(subagent) == "4d5611e5-241a")
        #expect(ClaudeCodeLayout.sessionIDFromPath(oldSubagent) == nil)
        #expect(!ClaudeCodeLayout.isSubagent(session))
        #expect(ClaudeCodeLayout.isSubagent(subagent) && ClaudeCodeLayout.isSubagent(oldSubagent))
        #expect(ClaudeCodeLayout.agentIDFromPath(subagent) == "a2898e3")
    }
}
