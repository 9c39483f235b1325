/// The hand-written OpenAPI 3.0 description served at `/openapi.json`. A test
/// holds it against the router (every route documented, nothing extra) and
/// schemathesis holds the running hub against it.
enum OpenAPIDocument {
    static var json: String { "{" + info + ",\"paths\":{" + OpenAPIPaths.all + "},\"components\":{" + components + "}}" }

    static let info = #"""
    "openapi": "3.0.3",
    "info": {"title": "loophub", "version": "1.0.0",
      "description": "The central store of consented, redacted lessons (wire contract loop.lesson/v1). Bearer tokens: admin, author (reads granted artifacts), contributor (submits)."},
    "security": [{"bearer": []}]
    """#

    static let components = #"""
    "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
    "responses": {
      "Invalid": {"description": "invalid input", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "Unauthorized": {"description": "missing, unknown, expired or revoked token", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "Forbidden": {"description": "the token's role or artifacts do not allow this", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "NotFound": {"description": "no such lesson, or one outside the token's artifacts (the same answer)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "TooLarge": {"description": "body larger than 64 KiB", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "RequestTimeout": {"description": "the body did not arrive within the request read timeout", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "RateLimited": {"description": "too many requests for this token", "headers": {"Retry-After": {"schema": {"type": "integer"}}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "Unavailable": {"description": "the store is unavailable", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    },
    "schemas": {
      "Error": {"type": "object", "required": ["error", "message"], "properties": {
        "error": {"type": "string"}, "message": {"type": "string"}, "field": {"type": "string"}}},
      "Lesson": {"type": "object", "additionalProperties": false,
        "required": ["schema", "id", "createdAt", "harness", "artifact", "signal", "category", "severity", "confidence", "summary", "excerpt", "redactions", "client"],
        "properties": {
          "schema": {"type": "string", "enum": ["loop.lesson/v1"]},
          "id": {"type": "string", "pattern": "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", "description": "UUIDv7, the idempotency key"},
          "createdAt": {"type": "string", "format": "date-time", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,6})?Z$"},
          "harness": {"type": "object", "additionalProperties": false, "required": ["name"], "properties": {
            "name": {"type": "string", "minLength": 1, "maxLength": 200}, "version": {"type": "string", "maxLength": 200, "nullable": true}}},
          "artifact": {"type": "object", "additionalProperties": false, "required": ["kind", "name"], "properties": {
            "kind": {"type": "string", "enum": ["skill", "command", "agent", "instructions"]},
            "name": {"type": "string", "minLength": 1, "maxLength": 200},
            "version": {"type": "string", "maxLength": 200, "nullable": true},
            "repo": {"type": "string", "maxLength": 500, "nullable": true}}},
          "signal": {"type": "string", "enum": ["hand-edit", "revert", "rejection", "chat-correction", "review-comment", "explicit"]},
          "category": {"type": "string", "enum": ["wrong-output", "ignored-instruction", "missing-step", "out-of-scope", "style", "unsafe", "other"]},
          "severity": {"type": "string", "enum": ["low", "medium", "high"]},
          "confidence": {"type": "number", "minimum": 0, "maximum": 1},
          "summary": {"type": "string", "minLength": 1, "maxLength": 1000},
          "excerpt": {"type": "object", "additionalProperties": false, "required": ["before", "after"], "properties": {
            "before": {"type": "string", "maxLength": 2000}, "after": {"type": "string", "maxLength": 2000},
            "language": {"type": "string", "maxLength": 200, "nullable": true}}},
          "redactions": {"type": "object", "maxProperties": 64, "additionalProperties": {"type": "integer", "minimum": 0, "maximum": 1000000}},
          "client": {"type": "object", "additionalProperties": false, "required": ["name", "version"], "properties": {
            "name": {"type": "string", "minLength": 1, "maxLength": 200}, "version": {"type": "string", "minLength": 1, "maxLength": 200}}}}},
      "IngestAnswer": {"type": "object", "required": ["status", "id"], "properties": {
        "status": {"type": "string", "enum": ["stored", "duplicate", "quarantined"]}, "id": {"type": "string"},
        "rules": {"type": "array", "items": {"type": "string"}}}},
      "LessonItem": {"type": "object", "required": ["lesson", "receivedAt", "source"], "properties": {
        "lesson": {"$ref": "#/components/schemas/Lesson"}, "receivedAt": {"type": "string", "format": "date-time"},
        "source": {"type": "string", "enum": ["v1", "loopback", "mcp"]}}},
      "LessonPage": {"type": "object", "required": ["lessons", "nextCursor"], "properties": {
        "lessons": {"type": "array", "items": {"$ref": "#/components/schemas/LessonItem"}},
        "nextCursor": {"type": "string", "nullable": true}}},
      "ArtifactCounts": {"type": "object", "required": ["artifacts"], "properties": {
        "artifacts": {"type": "array", "items": {"type": "object", "required": ["kind", "name", "signal", "count"], "properties": {
          "kind": {"type": "string"}, "name": {"type": "string"}, "signal": {"type": "string"}, "count": {"type": "integer", "minimum": 1}}}}}},
      "QuarantinePage": {"type": "object", "required": ["entries", "nextCursor"], "properties": {
        "entries": {"type": "array", "items": {"type": "object", "required": ["id", "receivedAt", "source", "artifact", "rules", "redacted"], "properties": {
          "id": {"type": "string"}, "receivedAt": {"type": "string", "format": "date-time"},
          "source": {"type": "string", "enum": ["v1", "loopback", "mcp"]}, "artifact": {"type": "string"},
          "rules": {"type": "array", "items": {"type": "string"}},
          "redacted": {"type": "object", "description": "the submission after redaction"}}}},
        "nextCursor": {"type": "string", "nullable": true}}},
      "LoopbackRecord": {"type": "object", "additionalProperties": false, "required": ["schemaVersion", "artifact", "summary"], "properties": {
        "schemaVersion": {"type": "integer", "enum": [1]},
        "artifact": {"type": "object", "additionalProperties": false, "required": ["kind", "id"], "properties": {
          "kind": {"type": "string", "enum": ["skill", "agent", "artifact"]}, "id": {"type": "string", "minLength": 1, "maxLength": 200},
          "version": {"type": "string", "maxLength": 200, "nullable": true}, "repo": {"type": "string", "maxLength": 500, "nullable": true}}},
        "summary": {"type": "string", "minLength": 1, "maxLength": 1000},
        "evidenceExcerpt": {"type": "string", "maxLength": 2000, "nullable": true},
        "severity": {"type": "string", "enum": ["low", "medium", "high"], "nullable": true},
        "confidence": {"type": "string", "enum": ["low", "medium", "high"], "nullable": true},
        "workType": {"type": "string", "maxLength": 200, "nullable": true},
        "clusterKey": {"type": "string", "maxLength": 600, "nullable": true},
        "timestamp": {"type": "string", "maxLength": 40, "nullable": true, "description": "ignored; the server sets the time"},
        "client": {"type": "object", "additionalProperties": false, "nullable": true, "properties": {
          "plugin": {"type": "string", "maxLength": 200, "nullable": true}, "harness": {"type": "string", "maxLength": 200, "nullable": true}}}}},
      "JSONRPCMessage": {"type": "object", "required": ["jsonrpc"], "properties": {
        "jsonrpc": {"type": "string", "enum": ["2.0"]}, "id": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
        "method": {"type": "string"}, "params": {"type": "object"}}},
      "JSONRPCResponse": {"type": "object", "required": ["jsonrpc", "id"], "properties": {
        "jsonrpc": {"type": "string", "enum": ["2.0"]}, "id": {},
        "result": {"type": "object"},
        "error": {"type": "object", "required": ["code", "message"], "properties": {"code": {"type": "integer"}, "message": {"type": "string"}}}}}
    }
    """#
}
