import Foundation

/// What to do after one attempt to send a lesson to the hub (DESIGN §loophub
/// statuses). Pure: the HTTP client reports, this decides.
public enum DeliveryOutcome: Sendable, Hashable {
    /// Stored (201) or already stored with the same body (200): the lesson is sent.
    case sent(duplicate: Bool)
    /// Accepted but quarantined (202): the hub kept a redacted copy; the rules say why.
    case quarantined(rules: [String])
    /// Refused for good (other 4xx): the lesson fails with this reason, no retry.
    case rejected(reason: String)
    /// Worth trying again later (network error, 5xx, 429).
    case retry(reason: String)

    /// - Parameters:
    ///   - status: the HTTP status, or nil when no response came.
    ///   - body: the response body (a JSON error message or the quarantine rules).
    ///   - transportError: why no response came.
    public static func classify(status: Int?, body: Data, transportError: String?) -> DeliveryOutcome {
        guard let status else { return .retry(reason: "hub unreachable: \(transportError ?? "no response")") }
        let message = Self.message(in: body)
        switch status {
        case 201: return .sent(duplicate: false)
        case 200: return .sent(duplicate: true)
        case 202: return .quarantined(rules: Self.rules(in: body))
        case 401: return .rejected(reason: "the hub refused the token (401): run `loopctl login` again\(message.map { ": \($0)" } ?? "")")
        case 403: return .rejected(reason: "the token may not send lessons (403)\(message.map { ": \($0)" } ?? "")")
        case 409: return .rejected(reason: "the hub has a different lesson with this id (409)\(message.map { ": \($0)" } ?? "")")
        case 429: return .retry(reason: "the hub is rate-limiting (429)")
        case 400..<500: return .rejected(reason: "the hub refused the lesson (\(status))\(message.map { ": \($0)" } ?? "")")
        default: return .retry(reason: "the hub failed (\(status))\(message.map { ": \($0)" } ?? "")")
        }
    }

    static func json(_ body: Data) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
    }

    static func message(in body: Data) -> String? {
        guard let object = json(body) else { return nil }
        return (object["error"] as? String) ?? (object["message"] as? String) ?? (object["detail"] as? String)
    }

    static func rules(in body: Data) -> [String] {
        guard let object = json(body) else { return [] }
        return (object["rules"] as? [String]) ?? (object["patterns"] as? [String]) ?? []
    }
}

/// Exponential backoff with full jitter: attempt n waits a random time in
/// [base·2ⁿ/2, base·2ⁿ], capped, so many clients recovering together do not
/// hit the hub in step. `unit` (0…1) is the caller's random number.
public enum Backoff {
    public static func delay(attempt: Int, unit: Double, base: TimeInterval = 5, cap: TimeInterval = 3_600) -> TimeInterval {
        let ceiling = min(cap, base * pow(2, Double(max(0, min(attempt, 20)))))
        return ceiling / 2 + (ceiling / 2) * min(max(unit, 0), 1)
    }
}
