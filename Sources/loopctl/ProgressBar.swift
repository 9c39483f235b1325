import Foundation

/// A one-line progress bar on standard error, only when it is a terminal.
final class ProgressBar: Sendable {
    static func forStandardError() -> ProgressBar? {
        isatty(2) == 1 ? ProgressBar() : nil
    }

    func update(_ index: Int, _ total: Int, _ file: String) {
        let width = 30
        let filled = total == 0 ? width : width * index / total
        let name = (file as NSString).lastPathComponent.prefix(40)
        let line = "\r[\(String(repeating: "#", count: filled))\(String(repeating: ".", count: width - filled))] \(index + 1)/\(total) \(name)"
        FileHandle.standardError.write(Data((line + "\u{1B}[K").utf8))
    }

    func finish() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
