import Foundation
import FuzzSupport
import LoopHarness

/// Every input is an `opencode export` document.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOpenCodeExport(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    _ = OpenCodeExport.decode(data: Data(bytes(start, count)), path: "/fuzz/export.json")
    return 0
}

@_cdecl("FuzzOpenCodeExport_main")
func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzOpenCodeExport)
}
