import Foundation
import HTTPTypes
import Hummingbird
import LoopCore

extension Hub {
    func addIngestRoutes(_ routes: inout RouteRegistrar) {
        routes.add(.post, "/v1/lessons") { request, _ in
            let token = try await auth.require(.ingest, request)
            try checkRate(token)
            let lesson: Lesson
            do {
                lesson = try LessonValidator.lesson(from: try await body(of: request))
            } catch let error as FieldError {
                throw APIError.invalid(error)
            }
            return Self.response(for: try await ingest(lesson, token: token, source: .v1))
        }
    }

    /// Reads the whole body, refusing with 413 as soon as it passes the limit and with
    /// 408 once it has taken longer than `limits.requestReadTimeout` (a pause longer
    /// than the idle timeout closes the connection before that).
    func body(of request: Request) async throws -> Data {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > HubRequestContext.maxBody {
            throw APIError.tooLarge
        }
        let deadline = ContinuousClock.now + limits.requestReadTimeout
        var buffer = ByteBuffer()
        for try await chunk in request.body {
            guard buffer.readableBytes + chunk.readableBytes <= HubRequestContext.maxBody else { throw APIError.tooLarge }
            guard ContinuousClock.now < deadline else { throw APIError.requestTimeout }
            buffer.writeImmutableBuffer(chunk)
        }
        return Data(buffer.readableBytesView)
    }

    func ingest(_ lesson: Lesson, token: TokenRecord, source: IngestSource, origin: String? = nil,
                extraTexts: [String] = []) async throws -> IngestResult {
        try await StoreFailure.wrapping {
            try await ingestor.ingest(lesson, tokenID: token.id, source: source, origin: origin, extraTexts: extraTexts)
        }
    }

    struct IngestAnswer: Encodable {
        var status: String
        var id: String
        var rules: [String]?
    }

    static func response(for result: IngestResult) -> Response {
        switch result {
        // Ids are validated lowercase UUIDs, safe to place in JSON as they are (no encoder on the hot path).
        case .stored(let id): JSONResponse.raw(.created, "{\"id\":\"\(id)\",\"status\":\"stored\"}")
        case .duplicate(let id): JSONResponse.raw(.ok, "{\"id\":\"\(id)\",\"status\":\"duplicate\"}")
        case .quarantined(let id, let rules): JSONResponse.make(.accepted, IngestAnswer(status: "quarantined", id: id, rules: rules))
        case .conflict(let id):
            APIError(.conflict, "conflict", "lesson \(id) was already submitted with a different body; ids are immutable",
                     field: "id").response
        }
    }
}
