import Foundation

/// A harness config read as text for an in-place edit. JSON and TOML are UTF-8
/// by definition; a file that is not (a Latin-1 byte typed by another editor)
/// is refused rather than decoded with replacement characters, which would
/// rewrite bytes loop was never asked to touch and make uninstall inexact.
enum ConfigText {
    /// The file's text, nil when absent; throws when it is not valid UTF-8.
    static func read(_ path: String) throws -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let bytes = [UInt8](data)
        if let offset = firstInvalidUTF8(bytes) {
            let line = bytes[..<offset].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            let hex = String(bytes[offset], radix: 16, uppercase: true)
            throw InstallError("\(path):\(line): byte 0x\(hex) at offset \(offset) is not valid UTF-8; nothing was changed. "
                               + "Save the file as UTF-8 (or fix that byte), then run loopctl again")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The offset of the first byte that does not start a valid UTF-8 sequence.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}
