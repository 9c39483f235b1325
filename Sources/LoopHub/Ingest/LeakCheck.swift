public import LoopCore

/// The server-side re-check the ingest path needs from the redaction engine. The
/// shared `Redactor` is the production implementation; tests may substitute a
/// deterministic one to exercise the quarantine path on its own.
public protocol LeakCheck: Sendable {
    /// Names of the rules that still match `text` (empty when clean).
    func verify(_ text: String) -> [String]
    /// The texts with everything sensitive replaced, in order.
    func redact(_ texts: [String]) -> [String]
}

extension Redactor: LeakCheck {
    public func redact(_ texts: [String]) -> [String] {
        let redacted: Redacted = redact(texts)
        return redacted.texts
    }
}
