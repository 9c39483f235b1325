/// One span of the input (UTF-8 byte offsets) that must not leave the machine.
struct Finding: Sendable {
    enum Replacement: Sendable, Equatable {
        /// `<type>`: every value of this type looks the same (secrets).
        case typed
        /// `<type:N>`: the same value gets the same number within one lesson (PII).
        case numbered
        /// A fixed text, e.g. a path made relative to the repository.
        case literal(String)
    }

    var start: Int
    var end: Int
    /// The count key and placeholder type: `email`, `path`, `secret:github`, ...
    var type: String
    var replacement: Replacement
    /// An organisation's own rule names the value more precisely than a built-in one.
    var isOrgRule = false

    /// Org rules, then secrets, then PII, then paths: when spans overlap, the stronger
    /// placeholder is kept.
    var priority: Int { isOrgRule ? 3 : type.hasPrefix("secret") ? 2 : (type == "path" ? 0 : 1) }
}
