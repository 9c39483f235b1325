import Foundation

/// Typed accessors on a JSON object as JSONSerialization returns it (OpenCode's
/// rows and files; JSONL lines use `JSONObjectView`, read on demand). They
/// return nil for missing keys and for values of another type, so unknown or
/// changed fields are simply skipped instead of failing a record.
extension Dictionary where Key == String, Value == Any {
    func string(_ key: String) -> String? { self[key] as? String }
    func object(_ key: String) -> [String: Any]? { self[key] as? [String: Any] }
    func array(_ key: String) -> [Any]? { self[key] as? [Any] }
    func objects(_ key: String) -> [[String: Any]] { (self[key] as? [Any])?.compactMap { $0 as? [String: Any] } ?? [] }
    func bool(_ key: String) -> Bool? { self[key] as? Bool }
    func int(_ key: String) -> Int? {
        guard let number = self[key] as? NSNumber else { return nil }
        return number.intValue
    }
}
