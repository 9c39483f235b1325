import ArgumentParser
import Foundation

struct Install: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Register loop's MCP server, skill and /harness-feedback command with a harness.")
    func run() throws {}
}
