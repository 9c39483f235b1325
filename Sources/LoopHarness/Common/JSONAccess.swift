import Foundation

/// A JSON object as JSONSerialization returns it. Typed accessors return nil for
/// missing keys and for values of another type, so unknown or changed fields
/// are simply skipped instead of failing a line.
typealias JSONObject = [String: Any]

extension Dictionary where Key == String, Value == Any {
    func string(_ key: String) -> String? { self[key] as? String }
    func object(_ key: String) -> JSONObject? { self[key] as? JSONObject }
    func array(_ key: String) -> [Any]? { self[key] as? [Any] }
    func objects(_ key: String) -> [JSONObject] { (self[key] as? [Any])?.compactMap { $0 as? JSONObject } ?? [] }
    func bool(_ key: String) -> Bool? { self[key] as? Bool }
    func int(_ key: String) -> Int? {
        guard let number = self[key] as? NSNumber else { return nil }
        return number.intValue
    }
}
