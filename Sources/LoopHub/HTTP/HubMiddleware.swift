import Hummingbird
import Logging

/// Outermost middleware: turns every error into a JSON answer (never a stack trace
/// or a submitted value) and records the request in the metrics.
struct HubMiddleware: RouterMiddleware {
    typealias Context = HubRequestContext
    let metrics: HubMetrics

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response: Response
        do {
            response = try await next(request, context)
        } catch let error as APIError {
            response = error.response
        } catch let failure as StoreFailure {
            context.logger.log(level: failure.level, "store call failed", metadata: ["loop.error": "\(failure.description)"])
            response = APIError.unavailable.response
        } catch let error as HTTPError {
            response = Self.apiError(for: error).response
        } catch {
            context.logger.error("request failed", metadata: ["loop.error": "\(type(of: error))"])
            response = APIError.unavailable.response
        }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        metrics.recordRequest(route: context.endpointPath ?? "unmatched", method: request.method.rawValue,
                              status: response.status.code, seconds: seconds)
        return response
    }

    static func apiError(for error: HTTPError) -> APIError {
        switch error.status {
        case .contentTooLarge: return .tooLarge
        case .notFound: return APIError(.notFound, "not_found", "no such route; see /openapi.json")
        case .methodNotAllowed: return APIError(.methodNotAllowed, "method_not_allowed", "method not allowed; see /openapi.json")
        default:
            return APIError(error.status, "error", error.status.reasonPhrase)
        }
    }
}
