import AWSClient
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One MiniStack process on a free loopback port, with its own temporary, state and S3 folders.
/// It is tied to its owner as LocalStack's is (`EmulatorServer.Owner`): when this process goes
/// (tests), or its lease file is removed (`orderdeck local up --seeds`), or at `stop()`, the guard
/// ends MiniStack's whole process group — the Lambda workers it spawned included — and removes its
/// files.
public struct MiniStackServer: Sendable {
    public let pid: Int32
    public let port: Int
    public let root: String
    public var endpoint: String { "http://127.0.0.1:\(port)" }
    public var logPath: String { root + "/ministack.log" }

    /// At most this many Lambda invocations at once, each a Python worker: 50 executions started
    /// together spawned 101 workers (4.3 GB) uncapped. Over the cap an invocation is throttled at
    /// once (MiniStack reports it as `Lambda.Unknown`, which the seeds' Retry covers): with 2, three
    /// orders at once failed in InitializeOrder without the retry; 4 holds on two cores.
    public static let defaultLambdaConcurrency = 4

    /// Starts it and waits until `/_ministack/health` answers (~0.4 s here).
    public static func start(
        _ installation: MiniStackInstallation, lambdaConcurrency: Int = defaultLambdaConcurrency,
        owner: EmulatorServer.Owner = .thisProcess, timeout: Duration = .seconds(30)
    ) async throws -> MiniStackServer {
        let port = try Spawner.freeLoopbackPort()
        let root = NSTemporaryDirectory() + "orderdeck-ministack-\(getpid())-\(port)"
        for folder in ["tmp", "state", "s3"] {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        let endpoint = "http://127.0.0.1:\(port)"
        var environment = ProcessInfo.processInfo.environment
        // Nothing of the operator's AWS set-up reaches MiniStack or its functions.
        for key in environment.keys where key.hasPrefix("AWS_") { environment[key] = nil }
        for (key, value) in [
            "BIND_HOST": "127.0.0.1", "GATEWAY_PORT": String(port), "MINISTACK_HOST": "127.0.0.1",
            "TMPDIR": root + "/tmp", "STATE_DIR": root + "/state", "S3_DATA_DIR": root + "/s3", "PERSIST_STATE": "0",
            "LAMBDA_ACCOUNT_CONCURRENCY": String(lambdaConcurrency),
            // The functions' SDK calls come back here, and only here.
            "AWS_ENDPOINT_URL": endpoint, "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "AWS_DEFAULT_REGION": "us-east-1",
        ] {
            environment[key] = value
        }
        let pid = try Spawner.spawnDetached(
            executable: "/bin/sh", arguments: owner.guardArguments(root: root) + [installation.serverExecutable],
            environment: environment, logPath: root + "/ministack.log")
        let server = MiniStackServer(pid: pid, port: port, root: root)
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if await server.isHealthy() { return server }
            guard Spawner.isAlive(pid) else { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        let log = (try? String(contentsOfFile: server.logPath, encoding: .utf8)) ?? ""
        await server.stop()
        throw LocalStackError.serverDidNotStart("MiniStack: \(MotoInstallation.lastLines(log))")
    }

    /// Whether `/_ministack/health` answers 200 (within 2 s).
    public func isHealthy() async -> Bool {
        let response = try? await AsyncHTTPTransport().send(
            HTTPRequest(method: "GET", origin: endpoint, path: "/_ministack/health"), timeout: .seconds(2))
        return response?.status == 200
    }

    /// Ends MiniStack and its Lambda workers (the guard's whole process group) and removes its files.
    public func stop() async {
        await Spawner.stop(pid, grace: .seconds(8))
        kill(-pid, SIGKILL)
        try? FileManager.default.removeItem(atPath: root)
    }
}
