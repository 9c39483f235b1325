import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Is the configured hub reachable, and does it accept the saved token?
/// `GET /healthz` (any 2xx) for reachability; `GET /v1/lessons?limit=1` with
/// the token: 200 or 403 mean the token is valid (403: valid, but not allowed
/// to read), 401 means it is not.
public enum HubDiagnostics {
    public static func check(settings: LoopSettings?, credentials: HubCredentials, timeout: TimeInterval = 5) async -> DoctorCheck {
        guard let raw = settings?.hubURL, let base = URL(string: raw) else {
            return DoctorCheck("hub", .ok, "no hub configured; lessons stay on this machine", fix: "loopctl login --hub URL (when you want to send)")
        }
        guard let health = await status(of: base.appendingPathComponent("healthz"), token: nil, timeout: timeout) else {
            return DoctorCheck("hub", .fail, "\(raw) is unreachable", fix: "check the URL (`loopctl config get hub.url`) and your network")
        }
        guard (200..<300).contains(health) else {
            return DoctorCheck("hub", .fail, "\(raw)/healthz answered \(health)", fix: "ask the hub's operator; check the URL")
        }
        guard let token = credentials.token() else {
            return DoctorCheck("hub", .warn, "\(raw) is reachable; no token saved", fix: "loopctl login --hub \(raw)")
        }
        var lessons = URLComponents(url: base.appendingPathComponent("v1/lessons"), resolvingAgainstBaseURL: false)
        lessons?.queryItems = [URLQueryItem(name: "limit", value: "1")]
        guard let url = lessons?.url, let answer = await status(of: url, token: token, timeout: timeout) else {
            return DoctorCheck("hub", .fail, "\(raw) stopped answering", fix: "try again later")
        }
        return tokenVerdict(status: answer, hub: raw)
    }

    static func tokenVerdict(status: Int, hub: String) -> DoctorCheck {
        switch status {
        case 200, 403: DoctorCheck("hub", .ok, "\(hub) is reachable and accepts the token")
        case 401: DoctorCheck("hub", .fail, "\(hub) rejects the token (401: unknown, revoked or expired)", fix: "ask for a new token, then `loopctl login --hub \(hub)`")
        default: DoctorCheck("hub", .warn, "\(hub) answered \(status) to the token check", fix: "check the hub's version and logs")
        }
    }

    static func status(of url: URL, token: String?, timeout: TimeInterval) async -> Int? {
        var request = URLRequest(url: url, timeoutInterval: timeout)
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        guard let (_, response) = try? await URLSession.shared.data(for: request) else { return nil }
        return (response as? HTTPURLResponse)?.statusCode
    }
}
