import Foundation
import Hummingbird
import LoopCore

extension Hub {
    func addLoopbackRoutes(_ routes: inout RouteRegistrar) {
        // loopback's answers are kept so its clients work unchanged: 200 stored,
        // 422 quarantined with `patterns`.
        routes.add(.post, "/feedback") { request, _ in
            let token = try await auth.require(.ingest, request)
            try checkRate(token)
            let record: LoopbackRecord
            do { record = try LoopbackRecord.parse(try await body(of: request)) } catch let error as FieldError {
                throw APIError.invalid(error)
            }
            switch try await ingestLoopback(record, token: token, source: .loopback) {
            case .stored(let id), .duplicate(let id):
                return JSONResponse.make(.ok, ["status": "stored", "id": id])
            case .quarantined(_, let rules):
                return JSONResponse.make(.unprocessableContent, LoopbackQuarantined(
                    detail: "the submission still contains sensitive values; it was quarantined in redacted form",
                    patterns: rules))
            case .conflict:
                throw APIError.unavailable  // fresh ids never conflict
            }
        }
        routes.add(.post, "/mcp") { request, _ in
            let token = try await auth.require(.ingest, request)
            let data = try await body(of: request)
            guard let answer = try await MCPEndpoint(hub: self, token: token).handle(data) else {
                return Response(status: .accepted)
            }
            return JSONResponse.raw(.ok, answer)
        }
        // Streamable HTTP lets a server offer no SSE stream: GET must then answer 405.
        routes.add(.get, "/mcp") { _, _ in
            var response = APIError(.methodNotAllowed, "method_not_allowed", "this server offers no SSE stream; POST JSON-RPC").response
            response.headers[.allow] = "POST"
            return response
        }
    }

    struct LoopbackQuarantined: Encodable {
        var detail: String
        var patterns: [String]
    }

    func ingestLoopback(_ record: LoopbackRecord, token: TokenRecord, source: IngestSource) async throws -> IngestResult {
        let now = Date()
        let lesson = record.lesson(id: LessonID.make(now: now), createdAt: now)
        // The mapped lesson must meet wire contract v1 like any other stored lesson.
        do { _ = try LessonValidator.lesson(from: Data(CanonicalJSON.string(lesson).utf8)) } catch { throw APIError.invalid(error) }
        return try await ingest(lesson, token: token, source: source, origin: CanonicalJSON.string(record),
                                extraTexts: record.extraTexts)
    }
}
