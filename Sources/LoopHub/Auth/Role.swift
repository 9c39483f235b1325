/// What a token may do. admin: everything; author: read the artifacts its globs
/// grant; contributor: submit lessons only.
public enum Role: String, Sendable, Codable, CaseIterable {
    case admin, author, contributor

    public var canIngest: Bool { self == .admin || self == .contributor }
    public var canRead: Bool { self == .admin || self == .author }
}
