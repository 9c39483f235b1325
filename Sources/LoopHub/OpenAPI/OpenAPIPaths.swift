/// The `paths` object of the OpenAPI document, one entry per registered route.
enum OpenAPIPaths {
    static var all: String { [lessons, lessonByID, artifacts, quarantine, feedback, mcp, operations].joined(separator: ",") }

    static let readErrors = #"""
    "400": {"$ref": "#/components/responses/Invalid"}, "401": {"$ref": "#/components/responses/Unauthorized"},
    "403": {"$ref": "#/components/responses/Forbidden"}, "503": {"$ref": "#/components/responses/Unavailable"}
    """#

    static let ingestErrors = #"""
    "400": {"$ref": "#/components/responses/Invalid"}, "401": {"$ref": "#/components/responses/Unauthorized"},
    "403": {"$ref": "#/components/responses/Forbidden"}, "408": {"$ref": "#/components/responses/RequestTimeout"},
    "413": {"$ref": "#/components/responses/TooLarge"}, "429": {"$ref": "#/components/responses/RateLimited"}, "503": {"$ref": "#/components/responses/Unavailable"}
    """#

    static func filter(_ name: String, _ description: String, _ schema: String = #"{"type": "string"}"#) -> String {
        #"{"name": "\#(name)", "in": "query", "required": false, "description": "\#(description)", "schema": \#(schema)}"#
    }

    static let pageParameters = [
        filter("cursor", "nextCursor of the previous page"),
        filter("limit", "page size, default 100", #"{"type": "integer", "minimum": 1, "maximum": 1000}"#),
    ]

    static let lessons = #"""
    "/v1/lessons": {
      "post": {"operationId": "submitLesson", "summary": "Submit one lesson (contributor or admin token)",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Lesson"}}}},
        "responses": {
          "201": {"description": "stored", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/IngestAnswer"}}}},
          "200": {"description": "already stored with the same body", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/IngestAnswer"}}}},
          "202": {"description": "quarantined: a string still matched a redaction rule; only the redacted body was kept", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/IngestAnswer"}}}},
          "409": {"description": "the id was already used with a different body", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          \#(ingestErrors)}},
      "get": {"operationId": "listLessons", "summary": "Lessons in arrival order (admin, or author for granted artifacts); Accept: text/csv for CSV",
        "parameters": [\#(([
            filter("artifact", "artifact name"),
            filter("kind", "artifact kind", #"{"type": "string", "enum": ["skill", "command", "agent", "instructions"]}"#),
            filter("harness", "harness name"),
            filter("signal", "signal", #"{"type": "string", "enum": ["hand-edit", "revert", "rejection", "chat-correction", "review-comment", "explicit"]}"#),
            filter("category", "category", #"{"type": "string", "enum": ["wrong-output", "ignored-instruction", "missing-step", "out-of-scope", "style", "unsafe", "other"]}"#),
            filter("severity", "severity", #"{"type": "string", "enum": ["low", "medium", "high"]}"#),
            filter("since", "received at or after (ISO-8601)", #"{"type": "string", "format": "date-time"}"#),
            filter("until", "received before (ISO-8601)", #"{"type": "string", "format": "date-time"}"#),
        ] + pageParameters).joined(separator: ","))],
        "responses": {
          "200": {"description": "one page", "headers": {"Next-Cursor": {"description": "CSV only: the cursor of the next page", "schema": {"type": "string"}}},
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/LessonPage"}}, "text/csv": {"schema": {"type": "string"}}}},
          \#(readErrors)}}
    }
    """#

    static let lessonByID = #"""
    "/v1/lessons/{id}": {"get": {"operationId": "getLesson", "summary": "One lesson",
      "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
      "responses": {
        "200": {"description": "the lesson", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/LessonItem"}}}},
        "404": {"$ref": "#/components/responses/NotFound"}, \#(readErrors)}}}
    """#

    static let artifacts = #"""
    "/v1/artifacts": {"get": {"operationId": "artifactCounts", "summary": "Lesson counts per artifact and signal, within the token's artifacts",
      "responses": {
        "200": {"description": "counts", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ArtifactCounts"}}}},
        \#(readErrors)}}}
    """#

    static let quarantine = #"""
    "/v1/quarantine": {"get": {"operationId": "listQuarantine", "summary": "Quarantined submissions, redacted (admin)",
      "parameters": [\#(pageParameters.joined(separator: ","))],
      "responses": {
        "200": {"description": "one page", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/QuarantinePage"}}}},
        \#(readErrors)}}}
    """#

    static let feedback = #"""
    "/feedback": {"post": {"operationId": "submitLoopbackFeedback", "summary": "loopback compatibility: its schemaVersion 1 record",
      "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/LoopbackRecord"}}}},
      "responses": {
        "200": {"description": "stored", "content": {"application/json": {"schema": {"type": "object", "required": ["status", "id"], "properties": {"status": {"type": "string", "enum": ["stored"]}, "id": {"type": "string"}}}}}},
        "422": {"description": "quarantined (loopback's answer)", "content": {"application/json": {"schema": {"type": "object", "required": ["detail", "patterns"], "properties": {"detail": {"type": "string"}, "patterns": {"type": "array", "items": {"type": "string"}}}}}}},
        \#(ingestErrors)}}}
    """#

    static let mcp = #"""
    "/mcp": {
      "post": {"operationId": "mcp", "summary": "loopback compatibility: MCP streamable HTTP (JSON responses) with the submit_feedback tool",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/JSONRPCMessage"}}}},
        "responses": {
          "200": {"description": "JSON-RPC response", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/JSONRPCResponse"}}}},
          "202": {"description": "notification accepted"},
          \#(ingestErrors)}},
      "get": {"operationId": "mcpStream", "summary": "no SSE stream is offered",
        "responses": {"405": {"description": "use POST", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}}}
    }
    """#

    static let operations = #"""
    "/healthz": {"get": {"operationId": "health", "summary": "liveness and store reachability", "security": [],
      "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "object", "required": ["status"], "properties": {"status": {"type": "string"}}}}}},
        "503": {"description": "store unavailable", "content": {"application/json": {"schema": {"type": "object", "required": ["status"], "properties": {"status": {"type": "string"}}}}}}}}},
    "/metrics": {"get": {"operationId": "metrics", "summary": "Prometheus text exposition", "security": [],
      "responses": {"200": {"description": "metrics", "content": {"text/plain": {"schema": {"type": "string"}}}}}}},
    "/openapi.json": {"get": {"operationId": "openapi", "summary": "this document", "security": [],
      "responses": {"200": {"description": "OpenAPI 3.0", "content": {"application/json": {"schema": {"type": "object"}}}}}}}
    """#
}
