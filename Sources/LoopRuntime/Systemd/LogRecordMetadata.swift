import Logging

/// The metadata of one log event, merged the way swift-log documents it:
/// handler metadata, then the metadata provider's, then the call site's, later
/// keys winning. Shared by the stderr and journal handlers so both agree.
enum LogRecordMetadata {
    static func merged(
        handler: Logger.Metadata,
        provider: Logger.MetadataProvider?,
        event: LogEvent
    ) -> Logger.Metadata {
        var result = handler
        if let provided = provider?.get(), !provided.isEmpty {
            result.merge(provided) { _, new in new }
        }
        if let explicit = event.metadata, !explicit.isEmpty {
            result.merge(explicit) { _, new in new }
        }
        if let error = event.error {
            // Attached errors are kept as metadata so neither backend drops them.
            result["error"] = .string(String(describing: error))
        }
        return result
    }

    /// The metadata as `key=value` pairs sorted by key, so lines are stable and diffable;
    /// values with spaces, quotes or `=` are quoted so the line stays parseable.
    static func keyValueText(_ metadata: Logger.Metadata) -> String {
        metadata.sorted { $0.key < $1.key }
            .map { "\($0.key)=\(quotedIfNeeded($0.value.description))" }
            .joined(separator: " ")
    }

    static func quotedIfNeeded(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.contains { $0.isWhitespace || $0 == "\"" || $0 == "=" }
        guard needsQuotes else { return value }
        var escaped = "\""
        for character in value {
            switch character {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            default: escaped.append(character)
            }
        }
        return escaped + "\""
    }
}
