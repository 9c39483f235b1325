import ArgumentParser
import Foundation

struct Uninstall: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Remove exactly what `loopctl install` added.")
    func run() throws {}
}
