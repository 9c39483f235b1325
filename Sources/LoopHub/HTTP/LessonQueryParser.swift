import Foundation
import Hummingbird
import LoopCore

/// Turns the query string of `GET /v1/lessons` into a `LessonQuery`, refusing
/// unknown parameters and bad values with a 400 that names the parameter.
enum LessonQueryParser {
    static let filterNames: Set<String> = ["artifact", "kind", "harness", "signal", "category", "severity", "since", "until"]
    static let pageNames: Set<String> = ["cursor", "limit"]

    static func parse(_ parameters: Parameters) throws -> LessonQuery {
        try refuseParameters(parameters, except: filterNames.union(pageNames))
        let (after, limit) = try pageParameters(parameters)
        return LessonQuery(
            artifact: try text(parameters, "artifact"),
            kind: try choice(parameters, "kind", ArtifactKind.self),
            harness: try text(parameters, "harness"),
            signal: try choice(parameters, "signal", Signal.self),
            category: try choice(parameters, "category", Category.self),
            severity: try choice(parameters, "severity", Severity.self),
            since: try date(parameters, "since"),
            until: try date(parameters, "until"),
            after: after, limit: limit)
    }

    /// `cursor` and `limit`; other parameters are the caller's to check.
    static func pageParameters(_ parameters: Parameters) throws -> (PageCursor?, Int) {
        var after: PageCursor?
        if let cursor = parameters.get("cursor") {
            guard let parsed = PageCursor(token: cursor) else {
                throw invalid("cursor", "a cursor returned as nextCursor by this hub")
            }
            after = parsed
        }
        var limit = LessonQuery.defaultLimit
        if let text = parameters.get("limit") {
            guard let value = Int(text), (1...LessonQuery.maxLimit).contains(value) else {
                throw invalid("limit", "a whole number from 1 to \(LessonQuery.maxLimit)")
            }
            limit = value
        }
        return (after, limit)
    }

    static func refuseParameters(_ parameters: Parameters, except allowed: Set<String> = []) throws {
        for (key, _) in parameters where !allowed.contains(String(key)) {
            let name = String(key.prefix(50))
            throw invalid(name, allowed.isEmpty ? "no query parameters" : "one of the parameters " + allowed.sorted().joined(separator: ", "))
        }
    }

    static func text(_ parameters: Parameters, _ name: String) throws -> String? {
        guard let value = parameters.get(name) else { return nil }
        guard !value.isEmpty, value.count <= Lesson.maxName else { throw invalid(name, "1 to \(Lesson.maxName) characters") }
        return value
    }

    static func choice<T: RawRepresentable & CaseIterable>(_ parameters: Parameters, _ name: String, _: T.Type) throws -> T?
    where T.RawValue == String {
        guard let value = parameters.get(name) else { return nil }
        guard let parsed = T(rawValue: value) else {
            throw invalid(name, "one of " + T.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return parsed
    }

    static func date(_ parameters: Parameters, _ name: String) throws -> Date? {
        guard let value = parameters.get(name) else { return nil }
        guard value.count <= 40, let date = ISO8601.date(value) else {
            throw invalid(name, "an ISO-8601 timestamp such as 2026-11-22T10:15:30Z")
        }
        return date
    }

    static func invalid(_ field: String, _ expected: String) -> APIError {
        .invalid(FieldError(field: field, expected: expected))
    }
}
