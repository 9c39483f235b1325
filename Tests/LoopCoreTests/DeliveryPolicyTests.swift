import Foundation
import Testing
@testable import LoopCore

@Suite("Delivery outcomes and backoff")
struct DeliveryPolicyTests {
    @Test(arguments: [
        (201, DeliveryOutcome.sent(duplicate: false)), (200, .sent(duplicate: true)),
    ])
    func storedIsSent(_ status: Int, _ outcome: DeliveryOutcome) {
        #expect(DeliveryOutcome.classify(status: status, body: Data(), transportError: nil) == outcome)
    }

    @Test func quarantineCarriesTheRules() {
        let body = Data(#"{"status":"quarantined","rules":["secret:github","email"]}"#.utf8)
        #expect(DeliveryOutcome.classify(status: 202, body: body, transportError: nil) == .quarantined(rules: ["secret:github", "email"]))
    }

    @Test(arguments: [400, 401, 403, 409, 413, 422])
    func clientErrorsFailForGood(_ status: Int) {
        guard case .rejected(let reason) = DeliveryOutcome.classify(status: status, body: Data(#"{"error":"bad field summary"}"#.utf8), transportError: nil) else {
            Issue.record("\(status) should be rejected")
            return
        }
        #expect(reason.contains("\(status)"))
        #expect(status == 401 ? reason.contains("loopctl login") : true)
    }

    @Test(arguments: [429, 500, 502, 503])
    func serverErrorsAndRateLimitsRetry(_ status: Int) {
        guard case .retry = DeliveryOutcome.classify(status: status, body: Data(), transportError: nil) else {
            Issue.record("\(status) should be retried")
            return
        }
    }

    @Test func noResponseRetries() {
        #expect(DeliveryOutcome.classify(status: nil, body: Data(), transportError: "connection refused") == .retry(reason: "hub unreachable: connection refused"))
    }

    @Test func backoffGrowsWithJitterAndACap() {
        #expect(Backoff.delay(attempt: 0, unit: 0) == 2.5)
        #expect(Backoff.delay(attempt: 0, unit: 1) == 5)
        #expect(Backoff.delay(attempt: 3, unit: 0.5) == 30)
        #expect(Backoff.delay(attempt: 40, unit: 1) == 3_600)
        #expect(Backoff.delay(attempt: 2, unit: 7) == 20, "unit is clamped")
    }
}
