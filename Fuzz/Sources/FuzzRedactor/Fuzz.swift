import FuzzSupport
import LoopCore

let redactor = Redactor(context: RedactionContext(
    userName: "dev", homeDirectory: "/home/dev", hostName: "devbox", repositoryRoot: "/home/dev/repo",
    internalDomains: ["corp.example.com"], denyNames: ["Jane Doe"]))

/// Every input is text to redact. Besides not crashing: redacting twice
/// changes nothing, and nothing the rules know survives.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzRedactor(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = String(decoding: bytes(start, count), as: UTF8.self)
    let once = redactor.redact(text)
    let twice = redactor.redact(once)
    precondition(once == twice, "redaction is not idempotent")
    precondition(redactor.verify(once).isEmpty, "a rule still matches after redaction")
    return 0
}

@_cdecl("FuzzRedactor_main")
func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzRedactor)
}
