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
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Typed request/response shapes and calls for the services OrderDeck uses.
        .target(name: "AWSServices", dependencies: ["AWSClient"]),
        // The domain: orders, executions (Express rebuilt from logs), histories, log tail, submissions.
        .target(
            name: "OrderDeckCore",
            dependencies: [
                "AWSServices", .product(name: "Logging", package: "swift-log"),
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
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: []
        ),
        .executableTarget(
            name: "orderdeck",
            dependencies: [
                "AWSServices",
                "LocalStack",
                "OrderDeckCore",
                "OrderDeckUI",
                "CursesTerminal",
                "ProcessHeap",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            plugins: ["BuildInfo"]
        ),
        // Writes the git commit into the executable for `orderdeck --version`.
        .plugin(name: "BuildInfo", capability: .buildTool()),
        // Benchmarks (not tests): `python3 Benchmarks/run.py` (the whole suite), `bash Benchmarks/tui.sh`.
        .executableTarget(
            name: "TUIBenchmark", dependencies: ["OrderDeckUI", "TerminalUI", "OrderDeckCore", "TestSupport"],
            path: "Benchmarks/TUIBenchmark"),
        // In-process cases of the peer benchmarks (signing, Scan decoding): `python3 Benchmarks/run.py`.
        .executableTarget(
            name: "orderdeck-bench", dependencies: ["SigV4", "AWSServices", "OrderDeckCore"],
            path: "Benchmarks/BenchKit"),
        // Helpers shared by test targets: a moto server per test process, temp dirs.
        .target(
            name: "TestSupport", dependencies: ["LocalStack", "AWSServices", "OrderDeckCore", "TerminalUI"],
            path: "Tests/TestSupport"),
        .testTarget(name: "SigV4Tests", dependencies: ["SigV4"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"]),
        .testTarget(name: "ProcessHeapTests", dependencies: ["ProcessHeap"]),
        .testTarget(
            name: "OrderDeckUITests", dependencies: ["OrderDeckUI", "TerminalUI", "OrderDeckCore", "TestSupport"],
            // Test data read by path (#filePath), not resources: excluded so SwiftPM does not warn.
            exclude: ["Snapshots"]),
        .testTarget(name: "AWSClientTests", dependencies: ["AWSClient", "AWSServices", "TestSupport"]),
        .testTarget(name: "AWSServicesTests", dependencies: ["AWSServices", "TestSupport"]),
        .testTarget(
            name: "OrderDeckCoreTests", dependencies: ["OrderDeckCore", "TestSupport", "LocalStack"],
            exclude: ["Fixtures"]),
        .testTarget(name: "LocalStackTests", dependencies: ["LocalStack", "TestSupport"]),
        .testTarget(
            name: "OrderDeckCLITests",
            dependencies: [
                "TestSupport", "LocalStack", "orderdeck", "orderdeck-bench", "TUIBenchmark",
                .product(name: "Yams", package: "Yams"),
            ],
            exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
