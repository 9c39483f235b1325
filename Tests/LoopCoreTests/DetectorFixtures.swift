import Foundation
@testable import LoopCore

/// Builds event streams for detector tests: one session, positions by line.
struct SessionScript {
    var harness: Harness = .claudeCode
    var sessionID = "s-1"
    var path = "/home/dev/.claude/projects/-repo/s-1.jsonl"
    var line = 0
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    mutating func event(_ kind: NormalizedEvent.Kind, agentID: String? = nil) -> NormalizedEvent {
        line += 1
        return NormalizedEvent(
            harness: harness, sessionID: sessionID, agentID: agentID, timestamp: start.addingTimeInterval(Double(line)),
            position: TranscriptPosition(path: path, line: line, byteOffset: Int64(line * 100), recordID: "u\(line)"),
            kind: kind)
    }

    var now: Date { start.addingTimeInterval(Double(line)) }

    mutating func started(cwd: String = "/repo") -> NormalizedEvent {
        event(.sessionStarted(SessionInfo(cwd: cwd, gitBranch: "main", harnessVersion: "2.1.38")))
    }

    mutating func skill(_ name: String) -> NormalizedEvent {
        event(.artifactActivated(ArtifactRef(kind: .skill, name: name)))
    }

    mutating func edit(_ file: String, before: String?, after: String, tool: String = "Write") -> NormalizedEvent {
        let hunks = LineDiff.hunks(old: before ?? "", new: after, context: 3)
        return event(.agentEdited(AgentEdit(file: file, before: before, after: after, hunks: hunks, toolCallID: "toolu_\(line + 1)", tool: tool)))
    }

    mutating func user(_ text: String) -> NormalizedEvent { event(.userMessage(text)) }
    mutating func agent(_ text: String) -> NormalizedEvent { event(.agentMessage(text)) }
}

extension Decision {
    var isLesson: Bool { verdict == .lesson }
    var droppedGate: Gate? {
        if case .dropped(let gate, _) = verdict { return gate }
        return nil
    }
}

let prdDraft = """
# PRD: Search
Some freeform notes about search.
We should make it fast.
And nice.

"""

let prdFixed = """
# PRD: Search
## Problem
Users cannot find documents.
## Solution
Full-text search.
## Metrics
Time to first result.

"""
