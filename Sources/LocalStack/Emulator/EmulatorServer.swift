import AWSClient
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One LocalStack process on a free loopback port, without Docker: its own temporary filesystem
/// root, DynamoDB through OrderDeck's provider, no DNS server, no telemetry. It is tied to this
/// process: a guard ends LocalStack's whole process group and removes its files when this process
/// exits however it exits, or at `stop()`.
public struct EmulatorServer: Sendable {
    public let pid: Int32
    public let port: Int
    public let root: String
    public var endpoint: String { "http://127.0.0.1:\(port)" }
    public var logPath: String { root + "/localstack.log" }
    /// The Step Functions mock configuration it reads (`SFN_MOCK_CONFIG`): what a replay writes
    /// its recorded answers to (LocalStack re-reads it when its mtime changes).
    public var mockConfigPath: String { Self.mockConfigPath(root: root) }
    static func mockConfigPath(root: String) -> String { root + "/sfn-mock-config.json" }

    /// Who keeps it alive.
    public enum Owner: Sendable {
        /// Until this process exits (tests, one command).
        case thisProcess
        /// Until `lease` is removed or left untouched for `idle` (a replay engine that later
        /// commands reuse; each use touches the lease).
        case lease(path: String, idle: Duration)

        /// The shell guard's arguments for an engine whose files are under `root` (the engine's
        /// command follows them): `guardScript` for this process, `leaseGuardScript` for a lease,
        /// whose file is created here.
        func guardArguments(root: String) -> [String] {
            switch self {
            case .thisProcess:
                return ["-c", EmulatorServer.guardScript, "sh", String(getpid()), root]
            case .lease(let path, let idle):
                FileManager.default.createFile(atPath: path, contents: nil)
                return ["-c", EmulatorServer.leaseGuardScript, "sh", path, String(idle.components.seconds), root]
            }
        }
    }

    public init(pid: Int32, port: Int, root: String) {
        self.pid = pid
        self.port = port
        self.root = root
    }

    /// Starts it and waits until `/_localstack/health` answers (2–3 s here).
    public static func start(
        _ installation: EmulatorInstallation, owner: Owner = .thisProcess, timeout: Duration = .seconds(60)
    ) async throws -> EmulatorServer {
        let port = try Spawner.freeLoopbackPort()
        let root = NSTemporaryDirectory() + "orderdeck-localstack-\(getpid())-\(port)"
        try FileManager.default.createDirectory(atPath: root + "/fs", withIntermediateDirectories: true)
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in [
            "GATEWAY_LISTEN": "127.0.0.1:\(port)",
            // This machine kind has a /.dockerenv: LocalStack would believe it runs in its own container.
            "OVERRIDE_IN_DOCKER": "0", "FILESYSTEM_ROOT": root + "/fs", "DNS_ADDRESS": "0", "DISABLE_EVENTS": "1",
            "SKIP_SSL_CERT_DOWNLOAD": "1", "PROVIDER_OVERRIDE_DYNAMODB": "orderdeck_moto",
            "LOCALSTACK_TELEMETRY_DISABLED": "1", "DISABLE_CORS_CHECKS": "1",
            "SFN_MOCK_CONFIG": mockConfigPath(root: root),
            // Its default server (twisted) binds every interface whatever GATEWAY_LISTEN's host
            // says (a TODO in LocalStack's code); hypercorn binds the loopback address given.
            "GATEWAY_SERVER": "hypercorn",
        ] {
            environment[key] = value
        }
        let pid = try Spawner.spawnDetached(
            executable: "/bin/sh",
            arguments: owner.guardArguments(root: root) + [installation.interpreter, "-m", "localstack.runtime.main"],
            environment: environment, logPath: root + "/localstack.log")
        let server = EmulatorServer(pid: pid, port: port, root: root)
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if await server.isHealthy() { return server }
            guard Spawner.isAlive(pid) else { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        let log = (try? String(contentsOfFile: server.logPath, encoding: .utf8)) ?? ""
        await server.stop()
        throw LocalStackError.serverDidNotStart("LocalStack: \(MotoInstallation.lastLines(log))")
    }

    /// The guard (`pid`, leader of its own session) starts LocalStack and waits; when this
    /// process is gone, LocalStack exits, or the guard is told to stop, it stops LocalStack,
    /// removes its files and ends its whole process group (LocalStack's helpers included).
    static let guardScript = """
        parent=$1; root=$2; shift 2
        "$@" </dev/null & child=$!
        finish() { kill $child 2>/dev/null; sleep 2; rm -rf "$root"; kill -9 0; }
        trap finish TERM INT
        while kill -0 "$parent" 2>/dev/null && kill -0 "$child" 2>/dev/null; do sleep 1; done
        finish
        """

    /// The guard of an engine other commands reuse: it stops LocalStack when the lease file is
    /// removed or has not been touched for `idle` seconds.
    static let leaseGuardScript = """
        lease=$1; idle=$2; root=$3; shift 3
        "$@" </dev/null & child=$!
        finish() { kill $child 2>/dev/null; sleep 2; rm -rf "$root"; kill -9 0; }
        trap finish TERM INT
        while [ -e "$lease" ] && kill -0 "$child" 2>/dev/null; do
            touched=$(stat -c %Y "$lease" 2>/dev/null || echo 0)
            [ $(( $(date +%s) - touched )) -lt "$idle" ] || break
            sleep 2
        done
        finish
        """

    /// Whether `/_localstack/health` answers 200 (within 2 s).
    public func isHealthy() async -> Bool {
        let response = try? await AsyncHTTPTransport().send(
            HTTPRequest(method: "GET", origin: endpoint, path: "/_localstack/health"), timeout: .seconds(2))
        return response?.status == 200
    }

    public func stop() async {
        await Spawner.stop(pid, grace: .seconds(8))
        kill(-pid, SIGKILL)
        try? FileManager.default.removeItem(atPath: root)
    }
}
