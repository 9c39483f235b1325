/// Why a request body does not follow the contract: the field (dotted path) and
/// what was expected there. Rendered as `400 {"error":"invalid","field":…,"message":…}`.
public struct FieldError: Error, Sendable, Hashable, CustomStringConvertible {
    public var field: String
    public var expected: String

    public init(field: String, expected: String) {
        self.field = field
        self.expected = expected
    }

    public var description: String { "\(field): expected \(expected)" }
}
