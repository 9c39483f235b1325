import ArgumentParser
import Foundation
import LoopRuntime

struct Login: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Save the hub's URL and your token, so approved lessons can be sent.",
        discussion: """
            The URL goes into config.toml ([hub] url); the token into $XDG_CONFIG_HOME/loop/token with \
            mode 0600 — never into a harness's config. Without --token-stdin, the token is asked for \
            without echo.
            """)

    @Option(help: "The hub, e.g. https://loophub.example.com or http://127.0.0.1:8080.")
    var hub: String

    @Flag(help: "Read the token from standard input (for scripts).")
    var tokenStdin = false

    func validate() throws {
        guard let url = URL(string: hub), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
            throw ValidationError("--hub must be an http:// or https:// URL, e.g. http://127.0.0.1:8080")
        }
    }

    func run() async throws {
        let token: String
        if tokenStdin {
            token = (readLine(strippingNewline: true) ?? "").trimmingCharacters(in: .whitespaces)
        } else {
            guard isatty(0) == 1, let typed = getpass("Token for \(hub): ") else {
                throw CLIError("no terminal to ask for the token; use --token-stdin")
            }
            token = String(cString: typed).trimmingCharacters(in: .whitespaces)
        }
        guard !token.isEmpty else { throw CLIError("the token is empty; nothing saved") }
        let credentials = HubCredentials(paths: Context.paths)
        try credentials.saveHubURL(hub.hasSuffix("/") ? String(hub.dropLast()) : hub)
        try credentials.saveToken(token)
        print("Saved: hub \(hub) in \(credentials.configPath), token in \(credentials.tokenPath) (mode 0600).")
    }
}

struct Logout: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Forget the saved hub token (the hub URL stays in config.toml).")

    func run() async throws {
        let credentials = HubCredentials(paths: Context.paths)
        try credentials.removeToken()
        print("Token removed. Approved lessons wait until you log in again.")
    }
}
