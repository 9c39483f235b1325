// swift-tools-version: 6.1
//
// libFuzzer targets for loop's parsers. Built only with the fuzzer sanitizer
// (make fuzz), never by the main build: each target's entry point is
// libFuzzer's driver, which a normal link does not have.
import PackageDescription

let fuzzFlags: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

func fuzzTarget(_ name: String, _ products: [String], other: [Target.Dependency] = []) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["FuzzSupport"] + products.map { .product(name: $0, package: "loop") } + other,
        swiftSettings: fuzzFlags)
}

let package = Package(
    name: "loop-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "loop", path: ".."),
        // The version loop pins; NIOEmbedded drives the endpoint's line framing without a socket.
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
    ],
    targets: [
        .target(name: "FuzzSupport"),
        fuzzTarget("FuzzClaudeDecoder", ["LoopHarness"]),
        fuzzTarget("FuzzCodexDecoder", ["LoopHarness"]),
        fuzzTarget("FuzzOpenCodeExport", ["LoopHarness"]),
        fuzzTarget("FuzzRedactor", ["LoopCore"]),
        fuzzTarget("FuzzJSONRPCReader", ["LoopCore", "LoopStore", "LoopMCP"], other: [
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOEmbedded", package: "swift-nio"),
        ]),
    ]
)
