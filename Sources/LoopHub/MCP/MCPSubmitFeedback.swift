import Foundation
import LoopCore

/// loopback's `submit_feedback` tool: string arguments mapped to a loopback
/// record, then ingested like `POST /feedback`. Results are text content holding
/// `{"status":"ok","id":…}`, `{"status":"quarantined","patterns":[…]}` or
/// `{"status":"error","message":…}` (with `isError`).
struct MCPSubmitFeedback {
    let hub: Hub
    let token: TokenRecord

    static let parameters = ["artifactKind", "artifactId", "summary", "artifactVersion", "artifactRepo", "workType",
                             "evidenceExcerpt", "severity", "confidence", "clusterKey", "harness"]

    static let tool: JSONValue = {
        var properties: [String: JSONValue] = [:]
        for name in parameters { properties[name] = ["type": "string"] }
        properties["artifactKind"] = ["type": "string", "enum": ["skill", "agent", "artifact"]]
        properties["severity"] = ["type": "string", "enum": ["low", "medium", "high"]]
        properties["confidence"] = ["type": "string", "enum": ["low", "medium", "high"]]
        return [
            "name": "submit_feedback",
            "description": "Send one consented, redacted lesson about a skill or agent to its authors.",
            "inputSchema": [
                "type": "object", "properties": .object(properties),
                "required": ["artifactKind", "artifactId", "summary"], "additionalProperties": false,
            ],
        ]
    }()

    func call(_ arguments: JSONValue) async throws -> JSONValue {
        let record: LoopbackRecord
        do { record = try Self.record(arguments) } catch {
            return Self.content(["status": "error", "message": .string(error.description)], isError: true)
        }
        if let wait = hub.rateLimiter.acquire(token.id) {
            return Self.content(["status": "error", "message": .string("rate limited; retry in \(Int(wait.rounded(.up)) + 1) s")],
                                isError: true)
        }
        let result: IngestResult
        do { result = try await hub.ingestLoopback(record, token: token, source: .mcp) } catch let error as APIError {
            return Self.content(["status": "error", "message": .string(error.message)], isError: true)
        } catch is StoreFailure {
            return Self.content(["status": "error", "message": .string(APIError.unavailable.message)], isError: true)
        }
        switch result {
        case .stored(let id), .duplicate(let id):
            return Self.content(["status": "ok", "id": .string(id)], isError: false)
        case .quarantined(_, let rules):
            return Self.content(["status": "quarantined", "patterns": .array(rules.map(JSONValue.string))], isError: false)
        case .conflict:
            return Self.content(["status": "error", "message": "conflict"], isError: true)
        }
    }

    static func record(_ arguments: JSONValue) throws(FieldError) -> LoopbackRecord {
        let args = try ObjectReader(arguments, path: "arguments", allowed: Set(parameters))
        return LoopbackRecord(
            artifactKind: try args.oneOf("artifactKind", LoopbackRecord.kinds)!,
            artifactID: try args.string("artifactId", max: Lesson.maxName),
            artifactVersion: try args.optionalString("artifactVersion", max: Lesson.maxName),
            artifactRepo: try args.optionalString("artifactRepo", max: LessonValidator.maxRepo),
            summary: try args.string("summary", max: Lesson.maxSummary),
            evidenceExcerpt: try args.optionalString("evidenceExcerpt", max: Lesson.maxExcerptSide),
            severity: try args.oneOf("severity", LoopbackRecord.levels, required: false),
            confidence: try args.oneOf("confidence", LoopbackRecord.levels, required: false),
            workType: try args.optionalString("workType", max: Lesson.maxName),
            clusterKey: try args.optionalString("clusterKey", max: Lesson.maxName * 3),
            plugin: "mcp", harness: try args.optionalString("harness", max: Lesson.maxName))
    }

    static func content(_ payload: JSONValue, isError: Bool) -> JSONValue {
        ["content": [["type": "text", "text": .string(CanonicalJSON.string(payload))]], "isError": .bool(isError)]
    }
}
