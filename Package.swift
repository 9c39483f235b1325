// swift-tools-version: 6.1
//
// loop: catches the moment a user corrects what a coding agent's skill produced
// and turns it into a consented, redacted lesson for the skill's author.
//
// Module layout (see docs/architecture.md and ../shared/DESIGN.md):
//   LoopCore     pure model and logic (events, detector, redactor, synthesizer). Foundation only.
//   LoopHarness  harness transcript decoders -> normalized events.
//   LoopWatch    inotify, JSONL tailing, working-tree snapshots.
//   LoopStore    the SQLite outbox (GRDB).
//   LoopScheduling  where loopd's async code runs and how it waits: NIO's event
//                loops, not libdispatch's worker pool (no idle timer).
//   CSystemd     libsystemd (sd_notify, sd_listen_fds, sd_journal_sendv).
//   LoopRuntime  composition: the daemon pipeline and the offline analyzer. The
//                only library that knows more than one adapter.
//   loopd, loopctl  executables: argument parsing and wiring only.
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "loop",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "loopd", targets: ["loopd"]),
        .executable(name: "loopctl", targets: ["loopctl"]),
        // Libraries for the fuzzing package in Fuzz/ (built with -sanitize=fuzzer).
        .library(name: "LoopCore", targets: ["LoopCore"]),
        .library(name: "LoopHarness", targets: ["LoopHarness"]),
        .library(name: "LoopStore", targets: ["LoopStore"]),
        .library(name: "LoopMCP", targets: ["LoopMCP"]),
        .executable(name: "loophub", targets: ["loophub"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", exact: "0.12.1"),
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        // loophub only. Hummingbird without its default traits: with them, about
        // one build in three recompiles it for nothing (swift-notes.md).
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1", traits: []),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        // loophub names HTTPTypes (statuses, header fields); Hummingbird does not re-export it.
        .package(url: "https://github.com/apple/swift-http-types", exact: "1.8.0"),
    ],
    targets: [
        .target(
            name: "LoopCore",
            // The context scorer's weights and lexicons, compiled in: LoopCore reads no files.
            resources: [.embedInCode("Detection/Scorer/context-scorer.tsv")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LoopHarness",
            // GRDB reads OpenCode's SQLite database (read-only).
            dependencies: ["LoopCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .target(name: "LoopWatch", dependencies: ["LoopCore", "LoopScheduling"], swiftSettings: swiftSettings),
        .target(
            name: "LoopScheduling",
            dependencies: [.product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LoopStore",
            dependencies: ["LoopCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        // The MCP endpoint on the unix socket: tools over the store API.
        .target(
            name: "LoopMCP",
            dependencies: [
                "LoopCore", "LoopStore", "LoopScheduling",
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .systemLibrary(
            name: "CSystemd",
            pkgConfig: "libsystemd",
            providers: [.apt(["libsystemd-dev"])]
        ),
        .target(
            name: "LoopRuntime",
            dependencies: [
                "LoopCore", "LoopHarness", "LoopWatch", "LoopStore", "LoopMCP", "CSystemd", "LoopScheduling",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "loopd",
            dependencies: [
                "LoopRuntime", "LoopScheduling",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "loopctl",
            dependencies: [
                "LoopRuntime", "LoopCore", "LoopStore", "LoopHarness",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // loophub: the central store. LoopHub holds routes, auth and the storage
        // seam with its SQLite implementation; LoopHubPostgres the PostgreSQL one,
        // so nothing else links PostgresNIO.
        .target(
            name: "LoopHub",
            dependencies: [
                "LoopCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LoopHubPostgres",
            dependencies: ["LoopHub", .product(name: "PostgresNIO", package: "postgres-nio")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "loophub",
            dependencies: [
                "LoopHub", "LoopHubPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Shared by every test target: fixture locations, temporary homes, process runner.
        .target(name: "LoopTestSupport", dependencies: ["LoopCore"], path: "Tests/LoopTestSupport"),
        .testTarget(name: "LoopCoreTests", dependencies: ["LoopCore", "LoopTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "LoopHarnessTests", dependencies: ["LoopHarness", "LoopTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "LoopWatchTests", dependencies: ["LoopWatch", "LoopScheduling", "LoopTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "LoopStoreTests", dependencies: ["LoopStore", "LoopTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "LoopMCPTests", dependencies: ["LoopMCP", "LoopHarness", "LoopTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "LoopRuntimeTests",
            dependencies: ["LoopRuntime", "LoopTestSupport", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LoopHubTests",
            dependencies: [
                "LoopHub", "LoopHubPostgres", "LoopTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["LoopTestSupport", "LoopCore"],
            swiftSettings: swiftSettings
        ),
    ]
)
