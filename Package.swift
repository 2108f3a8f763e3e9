// swift-tools-version: 6.1
import PackageDescription

/// OrderDeck: a terminal dashboard for an AWS serverless order pipeline.
/// Modules depend one way: SigV4 ← AWSClient ← AWSServices ← LocalStack / OrderDeckCore ← executable.
let package = Package(
    name: "OrderDeck",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "orderdeck", targets: ["orderdeck"]),
        .library(name: "SigV4", targets: ["SigV4"]),
        .library(name: "AWSClient", targets: ["AWSClient"]),
        .library(name: "AWSServices", targets: ["AWSServices"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "5.0.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.24.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.3.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
    ],
    targets: [
        // Pure SigV4 signer: swift-crypto only, no I/O.
        .target(
            name: "SigV4",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        // Credentials, region and endpoint resolution, transport, JSON protocol, errors, retry, pagination.
        .target(
            name: "AWSClient",
            dependencies: [
                "SigV4",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Typed request/response shapes and calls for the services OrderDeck uses.
        .target(name: "AWSServices", dependencies: ["AWSClient", "SigV4"]),
        // The domain: orders, executions (Express rebuilt from logs), histories, log tail, submissions.
        .target(
            name: "OrderDeckCore",
            dependencies: [
                "AWSServices", "AWSClient", .product(name: "Logging", package: "swift-log"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]),
        // Cells, keys and widgets: everything a screen needs, no ncurses.
        .target(name: "TerminalUI"),
        // The ncursesw C API, through a shim for the macros Swift does not import.
        .systemLibrary(name: "CNCursesW", pkgConfig: "ncursesw", providers: [.apt(["libncurses-dev"])]),
        // glibc's malloc settings (mallopt), which Swift's Glibc module leaves out.
        .systemLibrary(name: "CMalloc"),
        // How OrderDeck's long-running processes ask malloc to give memory back.
        .target(name: "ProcessHeap", dependencies: ["CMalloc"]),
        // The one module that talks to ncurses: init/teardown, input, resize, diff-flush.
        .target(name: "CursesTerminal", dependencies: ["CNCursesW", "TerminalUI"]),
        // The dashboard: screens, navigation, refresh scheduling.
        .target(
            name: "OrderDeckUI",
            dependencies: ["OrderDeckCore", "TerminalUI", .product(name: "Logging", package: "swift-log")]),
        // The local copy of the order system: moto lifecycle, provisioning, companions.
        .target(
            name: "LocalStack",
            dependencies: [
                "AWSServices",
                "AWSClient",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: []
        ),
        .executableTarget(
            name: "orderdeck",
            dependencies: [
                "AWSClient",
                "AWSServices",
                "LocalStack",
                "OrderDeckCore",
                "OrderDeckUI",
                "TerminalUI",
                "CursesTerminal",
                "ProcessHeap",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            plugins: ["BuildInfo"]
        ),
        // Writes the git commit into the executable for `orderdeck --version`.
        .plugin(name: "BuildInfo", capability: .buildTool()),
        // Benchmarks (not tests): `python3 Benchmarks/run.py` (the whole suite), `bash Benchmarks/tui.sh`.
        .executableTarget(
            name: "TUIBenchmark",
            dependencies: ["OrderDeckUI", "TerminalUI", "OrderDeckCore", "AWSServices", "AWSClient", "TestSupport"],
            path: "Benchmarks/TUIBenchmark"),
        // In-process cases of the peer benchmarks (signing, Scan decoding): `python3 Benchmarks/run.py`.
        .executableTarget(
            name: "orderdeck-bench", dependencies: ["SigV4", "AWSServices", "OrderDeckCore"],
            path: "Benchmarks/BenchKit"),
        // Helpers shared by test targets: a moto server per test process, temp dirs.
        .target(
            name: "TestSupport",
            dependencies: [
                "LocalStack", "AWSServices", "AWSClient", "OrderDeckCore", "TerminalUI",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Tests/TestSupport"),
        .testTarget(
            name: "SigV4Tests", dependencies: ["SigV4", .product(name: "Crypto", package: "swift-crypto")]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"]),
        .testTarget(name: "ProcessHeapTests", dependencies: ["ProcessHeap", "CMalloc"]),
        .testTarget(
            name: "OrderDeckUITests",
            dependencies: ["OrderDeckUI", "TerminalUI", "OrderDeckCore", "AWSServices", "AWSClient", "TestSupport"],
            // Test data read by path (#filePath), not resources: excluded so SwiftPM does not warn.
            exclude: ["Snapshots"]),
        .testTarget(name: "AWSClientTests", dependencies: ["AWSClient", "AWSServices", "SigV4", "TestSupport"]),
        .testTarget(name: "AWSServicesTests", dependencies: ["AWSServices", "AWSClient", "SigV4", "TestSupport"]),
        .testTarget(
            name: "OrderDeckCoreTests",
            dependencies: [
                "OrderDeckCore", "AWSServices", "AWSClient", "TestSupport", "LocalStack",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                // The TOML writer is tested against the library that reads the configuration back.
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            exclude: ["Fixtures"]),
        .testTarget(name: "LocalStackTests", dependencies: ["LocalStack", "AWSServices", "AWSClient", "TestSupport"]),
        .testTarget(
            name: "OrderDeckCLITests",
            dependencies: [
                "TestSupport", "LocalStack", "OrderDeckCore", "AWSServices", "AWSClient", "SigV4", "TerminalUI",
                "orderdeck",
                "orderdeck-bench", "TUIBenchmark",
                .product(name: "Yams", package: "Yams"),
            ],
            exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)

// Every module a file uses is one it imports (SE-0444), as hummingbird builds: a member reached
// only through another module's import is an error, so each file says its dependencies and
// `DeclaredImportsTests` checks that Package.swift declares them.
for target in package.targets where target.type != .system && target.type != .plugin {
    target.swiftSettings = (target.swiftSettings ?? []) + [.enableUpcomingFeature("MemberImportVisibility")]
}
