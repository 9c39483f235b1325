import Foundation
public import LoopCore

/// Checks a request body against wire contract v1 (DESIGN §Lesson) and builds the
/// `Lesson`. Strict: unknown fields, wrong types, values outside the enums and
/// over-long strings are refused with the field's path and what was expected.
public enum LessonValidator {
    /// Longest accepted `artifact.repo` (a URL); other names and versions use `Lesson.maxName`.
    public static let maxRepo = 500
    /// Most entries accepted in `redactions`.
    public static let maxRedactionKinds = 64

    public static func lesson(from data: Data) throws(FieldError) -> Lesson {
        try lesson(from: JSONValue.parse(data))
    }

    public static func lesson(from value: JSONValue) throws(FieldError) -> Lesson {
        let root = try ObjectReader(value, path: "", allowed: [
            "schema", "id", "createdAt", "harness", "artifact", "signal", "category", "severity",
            "confidence", "summary", "excerpt", "redactions", "client",
        ])
        guard try root.string("schema", max: 64) == Lesson.schemaV1 else {
            throw FieldError(field: "schema", expected: "\"\(Lesson.schemaV1)\"")
        }
        let id = try root.string("id", max: 36)
        guard isLowercaseUUID(id) else { throw FieldError(field: "id", expected: "a lowercase UUID (UUIDv7)") }
        let createdAt = try root.string("createdAt", max: 40)
        guard createdAt.hasSuffix("Z"), ISO8601.date(createdAt) != nil else {
            throw FieldError(field: "createdAt", expected: "an ISO-8601 UTC timestamp such as 2026-11-22T10:15:30.123Z")
        }
        let harness = try root.object("harness", allowed: ["name", "version"])
        let artifact = try root.object("artifact", allowed: ["kind", "name", "version", "repo"])
        let excerpt = try root.object("excerpt", allowed: ["before", "after", "language"])
        let client = try root.object("client", allowed: ["name", "version"])
        return Lesson(
            id: id,
            createdAt: createdAt,
            harness: .init(name: try harness.string("name", max: Lesson.maxName),
                           version: try harness.optionalString("version", max: Lesson.maxName)),
            artifact: .init(
                kind: ArtifactKind(rawValue: try artifact.oneOf("kind", ArtifactKind.allCases.map(\.rawValue))!)!,
                name: try artifact.string("name", max: Lesson.maxName),
                version: try artifact.optionalString("version", max: Lesson.maxName),
                repo: try artifact.optionalString("repo", max: maxRepo)),
            signal: Signal(rawValue: try root.oneOf("signal", Signal.allCases.map(\.rawValue))!)!,
            category: Category(rawValue: try root.oneOf("category", Category.allCases.map(\.rawValue))!)!,
            severity: Severity(rawValue: try root.oneOf("severity", Severity.allCases.map(\.rawValue))!)!,
            confidence: try root.number("confidence", in: 0...1),
            summary: try root.string("summary", max: Lesson.maxSummary),
            excerpt: .init(before: try excerpt.string("before", max: Lesson.maxExcerptSide, allowEmpty: true),
                           after: try excerpt.string("after", max: Lesson.maxExcerptSide, allowEmpty: true),
                           language: try excerpt.optionalString("language", max: Lesson.maxName)),
            redactions: try redactions(root.members["redactions"]),
            client: .init(name: try client.string("name", max: Lesson.maxName),
                          version: try client.string("version", max: Lesson.maxName))
        )
    }

    static func redactions(_ value: JSONValue?) throws(FieldError) -> [String: Int] {
        guard case .object(let members) = value ?? .null else {
            throw FieldError(field: "redactions", expected: "an object of counts, e.g. {\"email\": 1} (required)")
        }
        guard members.count <= maxRedactionKinds else {
            throw FieldError(field: "redactions", expected: "at most \(maxRedactionKinds) kinds")
        }
        var counts: [String: Int] = [:]
        for (key, count) in members {
            let field = "redactions.\(key)"
            _ = try ObjectReader.checkedString(.string(key), field: "redactions", max: Lesson.maxName, allowEmpty: false)
            guard case .number(let number) = count, number >= 0, number <= 1_000_000, number == number.rounded() else {
                throw FieldError(field: field, expected: "a whole number from 0 to 1000000")
            }
            counts[key] = Int(number)
        }
        return counts
    }

    static func isLowercaseUUID(_ text: String) -> Bool {
        let utf8 = Array(text.utf8)
        guard utf8.count == 36 else { return false }
        for (index, byte) in utf8.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard byte == UInt8(ascii: "-") else { return false }
            } else {
                let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
                let isHex = byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f")
                guard isDigit || isHex else { return false }
            }
        }
        return true
    }
}
