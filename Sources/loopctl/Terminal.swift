import Foundation

/// The terminal for `review`: single keystrokes in raw mode, and colours that
/// respect NO_COLOR and are off when output is not a terminal.
struct Terminal {
    let colors: Bool

    init(environment: [String: String]) {
        colors = isatty(1) == 1 && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
    }

    static var isInteractive: Bool { isatty(0) == 1 && isatty(1) == 1 }

    func bold(_ text: String) -> String { paint(text, "1") }
    func dim(_ text: String) -> String { paint(text, "2") }
    func accent(_ text: String) -> String { paint(text, "36") }
    func warn(_ text: String) -> String { paint(text, "33") }

    private func paint(_ text: String, _ code: String) -> String {
        colors ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// Reads one key without waiting for Enter; the terminal's mode is restored after.
    static func readKey() -> Character? {
        var saved = termios()
        guard tcgetattr(0, &saved) == 0 else { return readLine().flatMap(\.first) }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        withUnsafeMutableBytes(of: &raw.c_cc) { bytes in
            bytes[Int(VMIN)] = 1
            bytes[Int(VTIME)] = 0
        }
        tcsetattr(0, TCSANOW, &raw)
        defer { tcsetattr(0, TCSANOW, &saved) }
        var byte: UInt8 = 0
        guard read(0, &byte, 1) == 1 else { return nil }
        return Character(Unicode.Scalar(byte))
    }

    static func flush() { fflush(nil) }
}
