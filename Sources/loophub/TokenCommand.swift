import ArgumentParser
import Foundation
import LoopHub
import Logging

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Issue, list and revoke bearer tokens.",
        subcommands: [Issue.self, List.self, Revoke.self])

    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Issue a token and print it once; only its salted hash is stored.")
        @Option(help: "Who the token is for.") var email: String
        @Option(help: "admin (everything), author (read granted artifacts), contributor (submit only).") var role: String
        @Option(name: .customLong("artifact"), help: "Artifact-name glob an author may read; repeatable.") var artifacts: [String] = []
        @Option(help: "Lifetime such as 90d, 12h, 30m, or never.") var expires = "90d"
        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard let role = Role(rawValue: role) else { throw ValidationError("--role must be admin, author or contributor") }
            if role == .author && artifacts.isEmpty {
                throw ValidationError("an author token needs at least one --artifact GLOB (e.g. --artifact 'prd-*')")
            }
            guard Lifetime.parse(expires) != nil else { throw ValidationError("--expires takes a number with d, h or m (90d), or never") }
            guard email.contains("@"), email.count <= 200 else { throw ValidationError("--email must be an e-mail address") }
        }

        func run() async throws {
            let store = try await DatabaseLocation.open(database.url, logger: Logger(label: "loophub"))
            let lifetime = Lifetime.parse(expires)!
            let (token, record) = TokenSecret.issue(email: email, role: Role(rawValue: role)!, artifacts: artifacts,
                                                    expiresAt: lifetime.map { Date().addingTimeInterval($0) })
            try await store.insertToken(record)
            try await store.close()
            if json {
                print(CanonicalJSON.string(["token": token, "id": record.id, "role": role,
                                            "expiresAt": record.expiresAt.map { ISO8601Format.string($0) } ?? "never"]))
            } else {
                print(token)
                FileHandle.standardError.write(Data("token \(record.id) for \(email) (\(role)), expires \(record.expiresAt.map { ISO8601Format.string($0) } ?? "never"). It is shown only once.\n".utf8))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (never the secrets).")
        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let store = try await DatabaseLocation.open(database.url, logger: Logger(label: "loophub"))
            let tokens = try await store.tokens()
            try await store.close()
            let now = Date()
            let rows = tokens.map { token in
                TokenRow(id: token.id, email: token.email, role: token.role.rawValue, artifacts: token.artifacts,
                         createdAt: ISO8601Format.string(token.createdAt), expiresAt: token.expiresAt.map(ISO8601Format.string),
                         revokedAt: token.revokedAt.map(ISO8601Format.string),
                         state: token.revokedAt != nil ? "revoked" : token.isActive(at: now) ? "active" : "expired")
            }
            if json { return print(CanonicalJSON.string(rows)) }
            for row in rows {
                print([row.id, row.state, row.role, row.email, row.artifacts.joined(separator: ","), row.expiresAt ?? "never"]
                    .joined(separator: "\t"))
            }
        }
    }

    struct TokenRow: Encodable {
        var id, email, role: String
        var artifacts: [String]
        var createdAt: String
        var expiresAt, revokedAt: String?
        var state: String
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by its id (see token list) or the token itself.")
        @Argument(help: "Token id or the full token.") var token: String
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let id = TokenSecret.id(of: token) ?? token
            let store = try await DatabaseLocation.open(database.url, logger: Logger(label: "loophub"))
            let revoked = try await store.revokeToken(id: id, at: Date())
            try await store.close()
            guard revoked else {
                FileHandle.standardError.write(Data("no active token with id \(id)\n".utf8))
                throw ExitCode.failure
            }
            print("revoked \(id)")
        }
    }
}

/// `90d`, `12h`, `30m` → seconds; `never` → nil lifetime.
enum Lifetime {
    static func parse(_ text: String) -> TimeInterval?? {
        if text == "never" { return .some(nil) }
        guard let unit = text.last, let number = Double(text.dropLast()), number > 0, number < 100_000 else { return nil }
        switch unit {
        case "d": return number * 86_400
        case "h": return number * 3_600
        case "m": return number * 60
        default: return nil
        }
    }
}

enum ISO8601Format {
    static func string(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: .gmt))
    }
}
