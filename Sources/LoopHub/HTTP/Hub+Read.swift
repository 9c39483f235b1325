import Foundation
import HTTPTypes
import Hummingbird
import LoopCore

extension Hub {
    func addReadRoutes(_ routes: inout RouteRegistrar) {
        routes.add(.get, "/v1/lessons") { request, _ in
            let token = try await auth.require(.read, request)
            var query = try LessonQueryParser.parse(request.uri.queryParameters)
            if let artifact = query.artifact, let scope = token.scope, !scope.contains(where: { $0.matches(artifact) }) {
                throw Self.outsideScope
            }
            query.scope = token.scope
            let page = try await Self.storeCall { try await store.lessons(query) }
            if Self.wantsCSV(request) {
                var response = JSONResponse.raw(.ok, LessonCSV.render(page), contentType: "text/csv; charset=utf-8")
                if let next = page.next { response.headers[HTTPField.Name("Next-Cursor")!] = next.token }
                return response
            }
            return JSONResponse.raw(.ok, LessonJSON.page(page))
        }
        routes.add(.get, "/v1/lessons/{id}") { request, context in
            let token = try await auth.require(.read, request)
            let id = context.parameters.get("id") ?? ""
            guard LessonValidator.isLowercaseUUID(id) else {
                throw APIError(.badRequest, "invalid", "id: expected a lowercase UUID", field: "id")
            }
            guard let stored = try await Self.storeCall({ try await store.lesson(id: id) }) else {
                throw Self.noSuchLesson
            }
            // Outside the token's artifacts looks exactly like a missing id: the
            // answer must not confirm that the lesson exists or name its artifact.
            if let scope = token.scope, !scope.contains(where: { $0.matches(stored.lesson.artifact.name) }) {
                throw Self.noSuchLesson
            }
            return JSONResponse.raw(.ok, LessonJSON.item(stored))
        }
        routes.add(.get, "/v1/artifacts") { request, _ in
            let token = try await auth.require(.read, request)
            try LessonQueryParser.refuseParameters(request.uri.queryParameters)
            let counts = try await Self.storeCall { try await store.artifactCounts(scope: token.scope) }
            return JSONResponse.make(.ok, ["artifacts": counts])
        }
        routes.add(.get, "/v1/quarantine") { request, _ in
            _ = try await auth.require(.admin, request)
            try LessonQueryParser.refuseParameters(request.uri.queryParameters, except: LessonQueryParser.pageNames)
            let (after, limit) = try LessonQueryParser.pageParameters(request.uri.queryParameters)
            let page = try await Self.storeCall { try await store.quarantined(after: after, limit: limit) }
            return JSONResponse.raw(.ok, LessonJSON.quarantinePage(page))
        }
    }

    static let noSuchLesson = APIError(.notFound, "not_found", "no lesson with this id")

    /// `artifact=` names an artifact the token is not granted; the name is the caller's own and is not echoed.
    static let outsideScope = APIError(.forbidden, "forbidden", "this token is not granted that artifact", field: "artifact")

    static func wantsCSV(_ request: Request) -> Bool {
        guard let accept = request.headers[.accept]?.lowercased() else { return false }
        return accept.contains("text/csv") && !accept.hasPrefix("application/json")
    }

    /// Runs a store call; a database failure becomes 503 (the message never carries SQL)
    /// and is logged by `HubMiddleware`.
    static func storeCall<T>(_ body: () async throws -> T) async throws -> T {
        try await StoreFailure.wrapping(body)
    }
}
