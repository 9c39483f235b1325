import FuzzSupport
import LoopHarness

/// Every input is a transcript: split into lines and fed to one decoder.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzClaudeDecoder(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    var decoder = ClaudeCodeDecoder(path: "/fuzz/session.jsonl")
    var offset: Int64 = 0
    for (index, line) in bytes(start, count).split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
        _ = decoder.decode(line: line, lineNumber: index + 1, byteOffset: offset)
        offset += Int64(line.count + 1)
    }
    _ = decoder.finish()
    return 0
}

@_cdecl("FuzzClaudeDecoder_main")
func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzClaudeDecoder)
}
