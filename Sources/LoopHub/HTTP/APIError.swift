import Foundation
public import HTTPTypes
import Hummingbird

/// An error answer: status plus `{"error": code, "message": …, "field": …}`.
/// Messages say what to do; they never echo a submitted value.
public struct APIError: Error, Sendable {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String
    public var field: String?
    public var retryAfter: Int?

    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String, field: String? = nil, retryAfter: Int? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.retryAfter = retryAfter
    }

    public static func invalid(_ error: FieldError) -> APIError {
        APIError(.badRequest, "invalid", error.description, field: error.field)
    }

    static let missingToken = APIError(.unauthorized, "unauthorized", "send a bearer token: Authorization: Bearer lh_…")
    static let badToken = APIError(.unauthorized, "unauthorized", "the token is not valid")
    static let expiredToken = APIError(.unauthorized, "unauthorized", "the token has expired; ask an admin for a new one")
    static let revokedToken = APIError(.unauthorized, "unauthorized", "the token has been revoked")
    static let tooLarge = APIError(.contentTooLarge, "too_large", "the body is larger than \(HubRequestContext.maxBody) bytes")
    static let requestTimeout = APIError(.requestTimeout, "request_timeout", "the body took too long to arrive; send it again")
    static let unavailable = APIError(.serviceUnavailable, "unavailable", "the store is unavailable; retry later")

    struct Body: Encodable {
        var error: String
        var message: String
        var field: String?
    }

    var response: Response {
        var response = JSONResponse.make(status, Body(error: code, message: message, field: field))
        if let retryAfter { response.headers[.retryAfter] = String(retryAfter) }
        if status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer realm=\"loophub\"" }
        return response
    }
}

/// JSON and text response builders.
enum JSONResponse {
    static func make(_ status: HTTPResponse.Status, _ value: some Encodable) -> Response {
        raw(status, CanonicalJSON.string(value))
    }

    static func raw(_ status: HTTPResponse.Status, _ json: String, contentType: String = "application/json") -> Response {
        Response(status: status, headers: [.contentType: contentType], body: ResponseBody(byteBuffer: ByteBuffer(string: json)))
    }
}
